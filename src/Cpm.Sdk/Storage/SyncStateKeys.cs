namespace Cpm.Sdk.Storage;

/// <summary>The keys of the <c>sync_state</c> table.</summary>
internal static class SyncStateKeys
{
    public const string Cursor = "cursor";
    public const string Catalog = "catalog";
    public const string CatalogETag = "catalog_etag";
}
