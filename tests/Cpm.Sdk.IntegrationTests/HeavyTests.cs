namespace Cpm.Sdk.IntegrationTests;

/// <summary>Tests that saturate the disk or start child processes run one after another, not beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class HeavyTests
{
    public const string Name = "Heavy";
}
