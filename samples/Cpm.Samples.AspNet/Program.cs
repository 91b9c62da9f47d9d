using Cpm.ReferenceServer;
using Cpm.Samples.AspNet;

// One `dotnet run`: with no Sample:Endpoint configured, the reference server starts in-process on a free loopback port
// and the app syncs with it; the app listens on http://127.0.0.1:5090 unless --urls says otherwise.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
SampleSettings settings = SampleSettings.From(builder.Configuration);
Directory.CreateDirectory(settings.DataFolder);

ReferenceServerHost? server = settings.Endpoint is null
    ? await ReferenceServerHost.StartAsync(SampleCatalog.Server(settings.DataFolder, settings.ApiKey))
    : null;
await using (server)
{
    Uri endpoint = settings.Endpoint ?? server!.BaseAddress;
    WebApplication app = SampleApp.Build(builder, settings, endpoint, settings.ApiKey);
    app.Lifetime.ApplicationStarted.Register(() =>
    {
        Console.WriteLine($"Data folder: {settings.DataFolder}");
        Console.WriteLine($"CPM endpoint: {endpoint}{(server is null ? "" : " (the reference server, in-process)")}");
        foreach (string url in app.Urls)
        {
            Console.WriteLine($"Open {url}/signin, sign in as anyone, then change your choices at {url}/privacy");
        }
    });
    await app.RunAsync();
}
