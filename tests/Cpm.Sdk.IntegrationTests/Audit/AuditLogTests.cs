namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>The audit-log tests run one class after another: each starts Kestrel and SQLite files, some twice.</summary>
[CollectionDefinition(Name)]
public sealed class AuditLogTests
{
    public const string Name = "AuditLog";
}
