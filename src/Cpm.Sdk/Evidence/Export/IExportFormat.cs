namespace Cpm.Sdk.Evidence.Export;

/// <summary>How one export format writes the rows of an export into the buffer.</summary>
internal interface IExportFormat
{
    /// <summary>Writes what comes before the first row.</summary>
    void Begin();

    /// <summary>Writes the current row of <paramref name="row"/>, whose columns are those of <see cref="ExportColumns"/>.</summary>
    void Row(RawRows row);

    /// <summary>Writes what comes after the last row.</summary>
    void End(ExportTrailer trailer);
}
