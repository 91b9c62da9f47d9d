using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary>
/// Problem details answers (RFC 9457). A refused field is named as the request spells it, such as
/// <c>captures[1].purpose</c>, with the SDK's own reason; nothing was stored.
/// </summary>
internal static class ApiProblems
{
    public const string InvalidTitle = "The request is invalid; nothing was stored.";

    public static IResult Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: InvalidTitle);

    public static IResult Fields(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: InvalidTitle);

    public static IResult Status(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    /// <summary>The SDK refused an argument: its parameter name (<c>captures[1].UserId</c>) becomes the field.</summary>
    public static IResult From(ArgumentException refused) => Field(FieldOf(refused.ParamName), ReasonOf(refused));

    /// <summary>The SDK refused an argument: logs the field (never the value) and answers as <see cref="From"/>.</summary>
    public static IResult Refused(ILogger logger, ArgumentException refused)
    {
        ConsentApiLog.Refused(logger, FieldOf(refused.ParamName));
        return From(refused);
    }

    /// <summary>
    /// A parameter name as the JSON spells it: each dotted part camel-cased (<c>captures[1].PolicyVersion</c> becomes
    /// <c>captures[1].policyVersion</c>); none is the body.
    /// </summary>
    public static string FieldOf(string? parameter)
    {
        if (string.IsNullOrEmpty(parameter))
        {
            return "body";
        }

        var field = new StringBuilder(parameter.Length);
        foreach (string part in parameter.Split('.'))
        {
            if (field.Length > 0)
            {
                field.Append('.');
            }

            field.Append(char.ToLowerInvariant(part[0])).Append(part.AsSpan(1));
        }

        return field.ToString();
    }

    /// <summary>Where the JSON broke: <c>$.captures[1].policyVersion</c> becomes <c>captures[1].policyVersion</c>.</summary>
    public static string FieldOf(JsonException broken) =>
        broken.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";

    /// <summary>What is wrong with the JSON, without the serializer's type names.</summary>
    public static string DescribeJson(JsonException broken) =>
        broken.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "This API has no such field."
        : broken.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? "The field is given twice."
        : broken.Path is null or "$" ? "The body is not well-formed JSON."
        : "Malformed JSON, or a value of the wrong type.";

    /// <summary>The SDK's reason without the framework's "(Parameter '...')" suffix, which the field already says.</summary>
    private static string ReasonOf(ArgumentException refused)
    {
        string message = refused.Message;
        int suffix = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return suffix >= 0 ? message[..suffix] : message;
    }
}
