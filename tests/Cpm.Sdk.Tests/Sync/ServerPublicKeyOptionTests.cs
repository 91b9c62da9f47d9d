using System.Security.Cryptography;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.Tests.Sync;

/// <summary><see cref="CpmOptions.ServerPublicKey"/> is checked at open: anything but a P-256 public key in PEM is refused by name.</summary>
public sealed class ServerPublicKeyOptionTests
{
    public static TheoryData<string> BadKeys()
    {
        using ECDsa p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using ECDsa p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using RSA rsa = RSA.Create(2048);
        return new TheoryData<string>
        {
            "",
            "not a key",
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
            p384.ExportSubjectPublicKeyInfoPem(),
            rsa.ExportSubjectPublicKeyInfoPem(),
            p256.ExportPkcs8PrivateKeyPem(),
        };
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_bad_ServerPublicKey_stops_OpenAsync_with_an_ArgumentException_naming_it_and_creates_no_store(string pem)
    {
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
}
