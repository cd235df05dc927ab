using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Security;

/// <summary>Disabling, enabling, re-roling and signing out users, and how fast existing tokens and cookies notice.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class UserAdministrationFacts : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private OnboardingServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start(new Dictionary<string, string?> { ["Security:Sessions:ValidationInterval"] = "00:00:01" });
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_disabled_user_loses_token_and_cookie_and_cannot_sign_in_until_enabled()
    {
        using var token = await SignIn.WithTokenAsync(_server, Users.Sally);
        using var cookie = await SignIn.WithCookieAsync(_server, Users.Sally);
        await Http.Ensure(await token.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        await Http.Ensure(await cookie.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        var id = await SignIn.IdOfAsync(_server, Users.Sally);

        using var admin = await _server.As(Users.Admin);
        var disabled = await Http.Json(await admin.PostAsync($"/api/users/{id}/disable", null), HttpStatusCode.OK);
        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        _server.Clock.Advance(Interval * 2);

        await Http.Problem(await token.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");
        await Http.Problem(await cookie.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");
        await Http.Problem(await SignIn.LoginAsync(_server, Users.Sally, OnboardingServer.Password), HttpStatusCode.Unauthorized, "invalid_credentials");

        await Http.Ensure(await admin.PostAsync($"/api/users/{id}/enable", null), HttpStatusCode.OK);
        using var again = await SignIn.WithTokenAsync(_server, Users.Sally);
        await Http.Ensure(await again.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        Assert.False((await SignIn.UserAsync(_server, Users.Sally)).GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task A_change_made_on_another_server_reaches_existing_sessions_after_the_validation_interval()
    {
        using var token = await SignIn.WithTokenAsync(_server, Users.Ana);
        using var cookie = await SignIn.WithCookieAsync(_server, Users.Ana);
        await Http.Ensure(await token.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        await Http.Ensure(await cookie.GetAsync("/api/auth/me"), HttpStatusCode.OK);

        // Straight in the database, as another server would: this server's cache does not hear of it.
        await _server.WithDbAsync(async db =>
        {
            var user = await db.Set<AppUser>().SingleAsync(u => u.Email == Users.Ana);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            return await db.SaveChangesAsync();
        });
        await Http.Ensure(await token.GetAsync("/api/auth/me"), HttpStatusCode.OK);

        _server.Clock.Advance(Interval * 2);
        await Http.Problem(await token.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");
        await Http.Problem(await cookie.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_deleted_user_loses_their_token()
    {
        using var token = await SignIn.WithTokenAsync(_server, Users.Alan);
        await Http.Ensure(await token.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByEmailAsync(Users.Alan))!)).Succeeded);
        }

        _server.Clock.Advance(Interval * 2);
        await Http.Problem(await token.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_role_change_ends_the_old_token_and_the_next_sign_in_carries_the_new_roles()
    {
        using var token = await SignIn.WithTokenAsync(_server, Users.Sam);
        await Http.Ensure(await token.GetAsync("/api/applications"), HttpStatusCode.OK);
        await Http.Problem(await token.GetAsync("/api/audit"), HttpStatusCode.Forbidden, "forbidden");
        var id = await SignIn.IdOfAsync(_server, Users.Sam);

        using var admin = await _server.As(Users.Admin);
        var changed = await Http.Json(await admin.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "Auditor" } }), HttpStatusCode.OK);
        Assert.Equal(["Auditor"], changed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        _server.Clock.Advance(Interval * 2);
        await Http.Problem(await token.GetAsync("/api/applications"), HttpStatusCode.Unauthorized, "unauthorized");

        using var renewed = await SignIn.WithTokenAsync(_server, Users.Sam);
        var me = await Http.Json(await renewed.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        Assert.Equal(["Auditor"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        await Http.Ensure(await renewed.GetAsync("/api/audit"), HttpStatusCode.OK);
        await Http.Problem(await renewed.PostAsJsonAsync("/api/applications", new { }), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Unknown_roles_are_refused_and_nothing_changes()
    {
        var id = await SignIn.IdOfAsync(_server, Users.Mia);
        using var admin = await _server.As(Users.Admin);
        var problem = await Http.Problem(await admin.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "Owner" } }), HttpStatusCode.BadRequest, "invalid_request");
        Assert.True(problem.GetProperty("errors").TryGetProperty("roles", out _));
        Assert.Equal(["CreditManager"], (await SignIn.UserAsync(_server, Users.Mia)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        await Http.Problem(await admin.PostAsync("/api/users/no-such-user/disable", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_last_enabled_admin_can_be_neither_disabled_nor_stripped_of_the_role()
    {
        var adminId = await SignIn.IdOfAsync(_server, Users.Admin);
        using var admin = await _server.As(Users.Admin);
        await Http.Problem(await admin.PostAsync($"/api/users/{adminId}/disable", null), HttpStatusCode.Conflict, "last_admin");
        await Http.Problem(await admin.PutAsJsonAsync($"/api/users/{adminId}/roles", new { roles = new[] { "Auditor" } }), HttpStatusCode.Conflict, "last_admin");
        await Http.Ensure(await admin.GetAsync("/api/auth/me"), HttpStatusCode.OK);

        // With a second admin the first may go; then the second is the last one.
        var maxId = await SignIn.IdOfAsync(_server, Users.Max);
        await Http.Ensure(await admin.PutAsJsonAsync($"/api/users/{maxId}/roles", new { roles = new[] { "Admin", "CreditManager" } }), HttpStatusCode.OK);
        await Http.Ensure(await admin.PostAsync($"/api/users/{adminId}/disable", null), HttpStatusCode.OK);
        using var max = await SignIn.WithTokenAsync(_server, Users.Max);
        await Http.Problem(await max.PostAsync($"/api/users/{maxId}/disable", null), HttpStatusCode.Conflict, "last_admin");
        await Http.Ensure(await max.PostAsync($"/api/users/{adminId}/enable", null), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoking_sessions_kills_existing_tokens_and_cookies_but_not_the_next_sign_in()
    {
        using var token = await SignIn.WithTokenAsync(_server, Users.Rita);
        using var cookie = await SignIn.WithCookieAsync(_server, Users.Rita);
        await Http.Ensure(await token.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        var id = await SignIn.IdOfAsync(_server, Users.Rita);

        using var admin = await _server.As(Users.Admin);
        await Http.Ensure(await admin.PostAsync($"/api/users/{id}/revoke-sessions", null), HttpStatusCode.OK);
        _server.Clock.Advance(Interval * 2);
        await Http.Problem(await token.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");
        await Http.Problem(await cookie.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthorized");

        using var fresh = await SignIn.WithTokenAsync(_server, Users.Rita);
        await Http.Ensure(await fresh.GetAsync("/api/auth/me"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_change_is_audited_with_the_admin_as_actor()
    {
        var id = await SignIn.IdOfAsync(_server, Users.Rob);
        using var admin = await _server.As(Users.Admin);
        await Http.Ensure(await admin.PostAsync($"/api/users/{id}/disable", null), HttpStatusCode.OK);
        await Http.Ensure(await admin.PostAsync($"/api/users/{id}/enable", null), HttpStatusCode.OK);
        await Http.Ensure(await admin.PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "CreditAnalyst" } }), HttpStatusCode.OK);
        await Http.Ensure(await admin.PostAsync($"/api/users/{id}/revoke-sessions", null), HttpStatusCode.OK);

        var events = await _server.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.EntityType == "User" && e.EntityId == id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["user.created", "user.disabled", "user.enabled", "user.roles-changed", "user.sessions-revoked"], events.Select(e => e.Action).ToArray());
        Assert.All(events, e => Assert.Equal(Users.Admin, e.Actor));
        Assert.Contains("RiskCommittee -> CreditAnalyst", events[3].Detail);
    }
}
