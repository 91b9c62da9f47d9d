using System.Security.Cryptography;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.Tests.Sync;

/// <summary><see cref="CpmOptions.ServerPublicKey"/> is checked at open: anything but a P-256 public key in PEM is refused by name.</summary>
public sealed class ServerPublicKeyOptionTests
{
    // Keys are made inside the test from a stable case name: theory data holding fresh keys would name a different
    // test case at every discovery, which test runners that discover first and run later (Stryker.NET) cannot match.
    public static TheoryData<string> BadKeys() => ["empty", "not a key", "garbage PEM", "P-384", "RSA", "P-256 private key"];

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_bad_ServerPublicKey_stops_OpenAsync_with_an_ArgumentException_naming_it_and_creates_no_store(string kind)
    {
        string pem = BadKey(kind);
        using var temp = new TempStore();

        Func<Task> open = () => temp.OpenAsync(configure: o =>
        {
            o.Endpoint = new Uri("http://127.0.0.1:9/");
            o.ApiKey = "key";
            o.ServerPublicKey = pem;
        });

        ArgumentException error = (await open.Should().ThrowAsync<ArgumentException>()).Which;
        error.ParamName.Should().Be("options");
        error.Message.Should().Contain("CpmOptions.ServerPublicKey");
        File.Exists(temp.DatabasePath).Should().BeFalse("bad input changes nothing");
    }

    [Fact]
    public async Task A_P256_public_key_in_PEM_is_accepted()
    {
        using var temp = new TempStore();
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        await using CpmClient client = await temp.OpenAsync(configure: o => o.ServerPublicKey = key.ExportSubjectPublicKeyInfoPem());

        client.Status.State.Should().Be(SyncState.Disabled);
    }

    private static string BadKey(string kind)
    {
        using ECDsa p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using ECDsa p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using RSA rsa = RSA.Create(2048);
        return kind switch
        {
            "empty" => "",
            "not a key" => "not a key",
            "garbage PEM" => "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
            "P-384" => p384.ExportSubjectPublicKeyInfoPem(),
            "RSA" => rsa.ExportSubjectPublicKeyInfoPem(),
            "P-256 private key" => p256.ExportPkcs8PrivateKeyPem(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }
}
