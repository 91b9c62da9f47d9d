using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Rights;

/// <summary>Bad input to the rights API: each case gets an exception naming its parameter, and the store is left unchanged.</summary>
public sealed class RightsBadInputTests
{
    public static TheoryData<string, string, string> BadLinks => new()
    {
        { "user-1", "fax:+8613800000000", "alias" },            // an undeclared kind
        { "user-1", "phone:", "alias" },                        // an empty value
        { "user-1", "phone:   ", "alias" },                     // a blank value
        { "user-1", "phone:call me", "alias" },                 // a phone without digits
        { "user-1", "email:a\u0001b@example.com", "alias" },    // a control character
        { "user-1", "openid:\u0000abc", "alias" },              // a NUL
        { "user-1", "openid:" + new string('x', 400), "alias" },// over-long
        { "user-1", "+8613800000000", "alias" },                // no kind
        { "user-1", ":+8613800000000", "alias" },               // an empty kind
        { "", "phone:+8613800000000", "userId" },               // an empty user id
        { "   ", "phone:+8613800000000", "userId" },            // a blank user id
        { "a\u0007b", "phone:+8613800000000", "userId" },       // a control character in the user id
        { new string('u', 257), "phone:+8613800000000", "userId" }, // an over-long user id
    };

    [Theory]
    [MemberData(nameof(BadLinks))]
    public async Task A_bad_link_is_refused_by_name_and_writes_nothing(string userId, string alias, string parameter)
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenRightsAsync();
        await cpm.LinkAsync("user-0", "phone:+8613800000001");
        long size = (await cpm.GetCheckpointAsync()).Size;

        Func<Task> link = async () => await cpm.LinkAsync(userId, alias);

        (await link.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be(parameter);
        (await cpm.GetCheckpointAsync()).Size.Should().Be(size, "nothing was written");
        RightsStore.Count(store.DatabasePath, "SELECT count(*) FROM aliases").Should().Be(1);
    }

    [Fact]
    public async Task Unlinking_an_unknown_alias_erasing_an_unknown_or_erased_person_and_linking_to_an_erased_one_are_refused_and_write_nothing()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenRightsAsync();
        await cpm.RecordAsync(new ConsentCapture("gone", "marketing", "sms", ConsentChoice.Granted));
        await cpm.EraseAsync("gone");
        long size = (await cpm.GetCheckpointAsync()).Size;

        (await FluentActions.Awaiting(async () => await cpm.UnlinkAsync("phone:+8613800000009")).Should().ThrowAsync<ArgumentException>())
            .Which.ParamName.Should().Be("alias");
        (await FluentActions.Awaiting(async () => await cpm.UnlinkAsync("fax:1")).Should().ThrowAsync<ArgumentException>())
            .Which.ParamName.Should().Be("alias");
        (await FluentActions.Awaiting(async () => await cpm.EraseAsync("never-seen")).Should().ThrowAsync<ArgumentException>())
            .Which.ParamName.Should().Be("userId");
        (await FluentActions.Awaiting(async () => await cpm.EraseAsync("gone")).Should().ThrowAsync<ArgumentException>())
            .Which.ParamName.Should().Be("userId", "nothing is held about an erased person any more");
        (await FluentActions.Awaiting(async () => await cpm.LinkAsync("gone", "phone:+8613800000001")).Should().ThrowAsync<ArgumentException>())
            .Which.ParamName.Should().Be("userId", "an alias cannot be linked to an erased person who has not come back");
        (await FluentActions.Awaiting(async () => await cpm.AccessAsync("")).Should().ThrowAsync<ArgumentException>())
            .Which.ParamName.Should().Be("userId");
        (await FluentActions.Awaiting(async () => await cpm.ExportSubjectAsync("user-1", new MemoryStream([], writable: false))).Should().ThrowAsync<ArgumentException>())
            .Which.ParamName.Should().Be("destination");
        await FluentActions.Awaiting(async () => await cpm.LinkAsync(null!, "phone:1")).Should().ThrowAsync<ArgumentNullException>();
        FluentActions.Invoking(() => cpm.Resolve(null!)).Should().Throw<ArgumentNullException>();

        (await cpm.GetCheckpointAsync()).Size.Should().Be(size, "none of them wrote anything");
    }

    [Fact]
    public async Task An_undeclared_or_malformed_alias_kind_in_the_options_is_refused_at_open()
    {
        using var store = new TempStore();
        Func<Task> open = async () => await store.OpenAsync(configure: o => { o.AliasKinds.Add("Phone"); o.AliasKinds.Add("email"); o.AliasKinds.Add("email"); });

        (await open.Should().ThrowAsync<ArgumentException>()).Which.Message.Should()
            .Contain("CpmOptions.AliasKinds[0] 'Phone'").And.Contain("CpmOptions.AliasKinds[2] 'email' is declared twice");
    }
}
