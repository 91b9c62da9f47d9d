namespace Cpm.Sdk.Model.Validation;

/// <summary>Checks the options that receipts and reports use: <see cref="CpmOptions.Controller"/> and <see cref="CpmOptions.TimeZone"/>.</summary>
internal static class EvidenceOptionsValidator
{
    /// <summary>The longest value of a controller field, in characters.</summary>
    public const int MaxFieldLength = 512;

    public static void Check(CpmOptions options, List<string> problems)
    {
        if (options.UnknownTimeZoneId is { } unknown)
        {
            problems.Add($"CpmOptions.TimeZone '{unknown}' is not a time zone id known on this machine.");
        }
        else if (options.TimeZone is null)
        {
            problems.Add("CpmOptions.TimeZone is required.");
        }

        if (options.Controller is not { } controller)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(controller.Name))
        {
            problems.Add("CpmOptions.Controller.Name is required when a controller is set.");
        }

        (string Field, string? Value)[] fields =
        [
            (nameof(controller.Name), controller.Name), (nameof(controller.Contact), controller.Contact),
            (nameof(controller.Address), controller.Address), (nameof(controller.Email), controller.Email),
            (nameof(controller.Phone), controller.Phone), (nameof(controller.Url), controller.Url),
        ];
        foreach ((string field, string? value) in fields)
        {
            // An address may span lines; nothing else may hold a control character.
            bool badCharacter = value is not null && value.Any(c => char.IsControl(c) && !(field == nameof(controller.Address) && c is '\n' or '\r'));
            if (value is { Length: > MaxFieldLength } || badCharacter)
            {
                problems.Add($"CpmOptions.Controller.{field} must be at most {MaxFieldLength} printable characters.");
            }
        }

        if (controller.Email is { } email && (email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@')))
        {
            problems.Add("CpmOptions.Controller.Email must be an email address.");
        }

        if (controller.Url is { } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            problems.Add("CpmOptions.Controller.Url must be an absolute http or https URL.");
        }
    }
}
