using Cpm.Sdk.AspNetCore.ConsentApi;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Tests.ConsentApi;

/// <summary>The bounds of the consent API's options, each end included, and the first value beyond it refused by name.</summary>
public sealed class ConsentApiOptionsValidationTests
{
    private readonly CpmConsentApiOptionsValidation _validation = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        _validation.Validate(null, new CpmConsentApiOptions()).Should().BeSameAs(ValidateOptionsResult.Success);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(CpmConsentApiOptions.MaxCapturesLimit - 1)]
    [InlineData(CpmConsentApiOptions.MaxCapturesLimit)]
    public void Every_captures_per_request_from_1_to_the_limit_is_valid(int captures)
    {
        _validation.Validate(null, new CpmConsentApiOptions { MaxCapturesPerRequest = captures }).Should().BeSameAs(ValidateOptionsResult.Success);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(CpmConsentApiOptions.MaxCapturesLimit + 1)]
    [InlineData(int.MaxValue)]
    public void Captures_per_request_beyond_the_bounds_are_refused_by_name(int captures)
    {
        ValidateOptionsResult result = _validation.Validate(null, new CpmConsentApiOptions { MaxCapturesPerRequest = captures });

        result.Failed.Should().BeTrue();
        result.Failures.Should().ContainSingle().Which.Should().Be($"CpmConsentApiOptions.MaxCapturesPerRequest must be 1 to {CpmConsentApiOptions.MaxCapturesLimit}.");
    }

    [Theory]
    [InlineData(CpmConsentApiOptionsValidation.MinBodySize)]
    [InlineData(CpmConsentApiOptionsValidation.MinBodySize + 1)]
    [InlineData(CpmConsentApiOptionsValidation.MaxBodySize - 1)]
    [InlineData(CpmConsentApiOptionsValidation.MaxBodySize)]
    public void Every_body_size_from_1_KiB_to_64_MiB_is_valid(long size)
    {
        _validation.Validate(null, new CpmConsentApiOptions { MaxRequestBodySize = size }).Should().BeSameAs(ValidateOptionsResult.Success);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(CpmConsentApiOptionsValidation.MinBodySize - 1)]
    [InlineData(CpmConsentApiOptionsValidation.MaxBodySize + 1)]
    [InlineData(long.MaxValue)]
    public void Body_sizes_beyond_the_bounds_are_refused_by_name(long size)
    {
        ValidateOptionsResult result = _validation.Validate(null, new CpmConsentApiOptions { MaxRequestBodySize = size });

        result.Failed.Should().BeTrue();
        result.Failures.Should().ContainSingle().Which.Should().Be("CpmConsentApiOptions.MaxRequestBodySize must be 1024 to 67108864 bytes.");
    }

    [Fact]
    public void Every_bad_option_is_named_at_once()
    {
        var options = new CpmConsentApiOptions { Source = "Kiosk", AuthorizationPolicy = " ", AllowAnonymous = true, MaxCapturesPerRequest = 0, MaxRequestBodySize = 0 };

        ValidateOptionsResult result = _validation.Validate(null, options);

        result.Failures!.Select(f => f[..f.IndexOfAny([':', ' '])]).Should().Equal(
            "CpmConsentApiOptions.Source",
            "CpmConsentApiOptions.AuthorizationPolicy",
            "CpmConsentApiOptions.AllowAnonymous",
            "CpmConsentApiOptions.MaxCapturesPerRequest",
            "CpmConsentApiOptions.MaxRequestBodySize");
    }
}
