using Cpm.Sdk.AspNetCore.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cpm.Sdk.AspNetCore.Tests.Health;

/// <summary>A client that cannot be had (a refused store, bad options, a client closing) reads as the failure status, saying so; other exceptions are not swallowed.</summary>
public sealed class HealthUnavailableTests
{
    public static TheoryData<string, Exception> Unavailable => new()
    {
        { "a refused store", new CpmStoreException("the file is not a Cpm store") },
        { "a closing client", new ObjectDisposedException("CpmClient") },
        { "bad options", new InvalidOperationException("DatabasePath is required") },
        { "a bad argument", new ArgumentException("bad", "options") },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task A_client_that_cannot_be_had_reads_as_the_failure_status(string name, Exception failure)
    {
        HealthCheckResult result = await CheckAsync(failure, HealthStatus.Degraded);

        result.Status.Should().Be(HealthStatus.Degraded, name);
        result.Description.Should().Be("Cpm.Sdk's client is not available.", name);
        result.Exception.Should().BeSameAs(failure, name);
    }

    [Fact]
    public async Task Any_other_exception_is_not_swallowed()
    {
        Func<Task> check = () => CheckAsync(new NotSupportedException("a bug"), HealthStatus.Unhealthy);

        await check.Should().ThrowAsync<NotSupportedException>();
    }

    private static async Task<HealthCheckResult> CheckAsync(Exception failure, HealthStatus failureStatus)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConsentSync>(_ => throw failure);
        using ServiceProvider provider = services.BuildServiceProvider();
        var registration = new HealthCheckRegistration("cpm", _ => new CpmHealthCheck(provider), failureStatus, null);
        return await new CpmHealthCheck(provider).CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }
}
