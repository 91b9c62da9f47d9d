namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary>Registered by <c>AddCpmConsentApi</c>, so that mapping the API without it fails with a clear message.</summary>
internal sealed class ConsentApiMarker;
