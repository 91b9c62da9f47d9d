using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Cpm.ReferenceServer;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// The reference server is a starting point a team can copy: it builds on the SDK's public API alone, so the copy
/// builds against the published package.
/// </summary>
public sealed class PublicApiOnlyTests
{
    private static readonly Assembly Sdk = typeof(CpmClient).Assembly;
    private static readonly Assembly Server = typeof(ReferenceServerHost).Assembly;

    [Fact]
    public void The_sdk_does_not_grant_its_internals_to_the_server()
    {
        string server = Server.GetName().Name!;

        Sdk.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
            .Select(a => new AssemblyName(a.AssemblyName).Name)
            .Should().NotContain(server).And.NotBeEmpty("the test projects are still granted them, so the check reads the real list");
    }

    [Fact]
    public void Every_sdk_type_and_member_the_server_refers_to_is_public()
    {
        using var stream = File.OpenRead(Server.Location);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        Dictionary<TypeReferenceHandle, Type> sdkTypes = SdkTypes(metadata);

        sdkTypes.Values.Should().NotContain(t => !t.IsVisible, "a type the server names must be public");
        foreach (MemberReferenceHandle handle in metadata.MemberReferences)
        {
            MemberReference member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference && sdkTypes.TryGetValue((TypeReferenceHandle)member.Parent, out Type? type))
            {
                string name = metadata.GetString(member.Name);
                type.GetMember(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                    .Should().NotBeEmpty($"the server calls {type.FullName}.{name}, which must be public");
            }
        }

        sdkTypes.Values.Select(t => t.FullName).Should().Contain(
            ["Cpm.Sdk.Protocol.WireRules", "Cpm.Sdk.Protocol.WireEventReader", "Cpm.Sdk.Protocol.ProtocolJson", "Cpm.Sdk.Protocol.CatalogRules"],
            "the server shares the protocol rules through the public Cpm.Sdk.Protocol namespace");
    }

    /// <summary>Every type the server's metadata takes from the SDK's assembly, resolved to the SDK's own type.</summary>
    private static Dictionary<TypeReferenceHandle, Type> SdkTypes(MetadataReader metadata)
    {
        string sdkName = Sdk.GetName().Name!;
        var types = new Dictionary<TypeReferenceHandle, Type>();
        foreach (TypeReferenceHandle handle in metadata.TypeReferences)
        {
            if (FullName(metadata, handle, out AssemblyReferenceHandle scope) is { } name
                && metadata.GetString(metadata.GetAssemblyReference(scope).Name) == sdkName)
            {
                types[handle] = Sdk.GetType(name, throwOnError: true)!;
            }
        }

        return types;
    }

    /// <summary>The reflection name (<c>Outer+Inner</c>) of a type defined in another assembly, or <see langword="null"/>.</summary>
    private static string? FullName(MetadataReader metadata, TypeReferenceHandle handle, out AssemblyReferenceHandle scope)
    {
        TypeReference type = metadata.GetTypeReference(handle);
        string name = metadata.GetString(type.Name);
        scope = default;
        switch (type.ResolutionScope.Kind)
        {
            case HandleKind.AssemblyReference:
                scope = (AssemblyReferenceHandle)type.ResolutionScope;
                string ns = metadata.GetString(type.Namespace);
                return ns.Length == 0 ? name : $"{ns}.{name}";
            case HandleKind.TypeReference:
                return FullName(metadata, (TypeReferenceHandle)type.ResolutionScope, out scope) is { } outer ? $"{outer}+{name}" : null;
            default:
                return null;
        }
    }
}
