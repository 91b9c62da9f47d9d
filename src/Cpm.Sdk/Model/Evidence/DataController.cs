namespace Cpm.Sdk;

/// <summary>
/// The data controller (the organisation that decides why and how personal data is processed), as receipts name it in
/// <c>pii_controllers</c>. Bindable from configuration (<c>Cpm:Controller:Name</c>, ...).
/// </summary>
public sealed record DataController
{
    /// <summary>The controller's legal name. Required when a controller is set.</summary>
    public string Name { get; init; } = "";

    /// <summary>Who to contact about personal data, such as the data protection officer.</summary>
    public string? Contact { get; init; }

    /// <summary>The controller's postal address.</summary>
    public string? Address { get; init; }

    /// <summary>The contact email address.</summary>
    public string? Email { get; init; }

    /// <summary>The contact phone number.</summary>
    public string? Phone { get; init; }

    /// <summary>The controller's privacy page, an absolute http or https URL.</summary>
    public string? Url { get; init; }
}
