using System.Reflection;
using Cpm.Sdk.Sync.Http;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.Tests.Sync;

/// <summary>No object that holds the API key prints it: records generate a ToString that would.</summary>
public sealed class SecretTextTests
{
    private const string ApiKey = "cpm-live-5ecret-7f3a91";

    [Fact]
    public void Sync_settings_print_without_the_api_key()
    {
        using var temp = new TempStore();
        SyncSettings settings = SyncSettings.From(Options(temp))!;

        settings.ApiKey.Should().Be(ApiKey);
        settings.ToString().Should().NotContain(ApiKey).And.Contain("Endpoint = http://127.0.0.1:9/");
    }

    [Fact]
    public void No_object_a_synced_client_holds_prints_the_api_key()
    {
        using var temp = new TempStore();
        using CpmClient client = CpmClient.Open(Options(temp), loggerFactory: null, httpClientFactory: null);

        List<object> reachable = Reachable(client);

        reachable.Select(o => o.GetType().Name).Should().Contain(["SyncSettings", "SyncTransport", "SyncEngine", "OutboxPusher", "ChangePuller", "CatalogSync"]);
        foreach (object holder in reachable)
        {
            holder.ToString().Should().NotContain(ApiKey, $"{holder.GetType().Name} holds the key");
        }
    }

    private static CpmOptions Options(TempStore temp) => temp.Options(configure: o =>
    {
        o.Endpoint = new Uri("http://127.0.0.1:9/");
        o.ApiKey = ApiKey;
    });

    /// <summary>Every object of the SDK's own types reachable through fields from <paramref name="root"/>.</summary>
    private static List<object> Reachable(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { root };
        var queue = new Queue<object>([root]);
        while (queue.TryDequeue(out object? current))
        {
            for (Type? type = current.GetType(); type is not null; type = type.BaseType)
            {
                foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(current) is { } value && value.GetType().Namespace?.StartsWith("Cpm.Sdk", StringComparison.Ordinal) == true
                        && !value.GetType().IsValueType && seen.Add(value))
                    {
                        queue.Enqueue(value);
                    }
                }
            }
        }

        return [.. seen];
    }
}
