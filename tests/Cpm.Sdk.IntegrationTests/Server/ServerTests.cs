namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>The reference server's own tests run one class after another: each starts Kestrel and a SQLite file.</summary>
[CollectionDefinition(Name)]
public sealed class ServerTests
{
    public const string Name = "ReferenceServer";
}
