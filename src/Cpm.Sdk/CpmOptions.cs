namespace Cpm.Sdk;

/// <summary>Settings for a <see cref="CpmClient"/>. Validated when the client opens.</summary>
public sealed class CpmOptions
{
    /// <summary>The SQLite file that holds the local store. Created when missing. Required.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>The central CPM endpoint; <see langword="null"/> runs offline only, with no sync.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The API key sent to <see cref="Endpoint"/>; required when an endpoint is set. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The purposes the gate knows. Any other purpose is denied.</summary>
    public IList<PurposeDefinition> Purposes { get; } = new List<PurposeDefinition>();

    /// <summary>The channels the gate knows, such as <c>sms</c> or <c>email</c>. Any other channel is denied.</summary>
    public IList<string> Channels { get; } = new List<string>();

    /// <summary>How hard each commit is made durable. Default <see cref="Sdk.Durability.Full"/>.</summary>
    public Durability Durability { get; set; } = Durability.Full;

    /// <summary>How long closing the client may take to drain pending work. Default 5 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock for every time the SDK reads. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
