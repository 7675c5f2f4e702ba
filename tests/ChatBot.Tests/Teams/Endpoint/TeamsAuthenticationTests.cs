using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Tests.StandIns;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Tests.Teams.Endpoint;

/// <summary>
/// Every way a request to /api/messages can fail authentication gets 401 and does nothing: no connector call,
/// no submission stored. The activity is a message-action submission, which would store one if it got through.
/// </summary>
public sealed class TeamsAuthenticationTests(TeamsHostFixture fixture) : IClassFixture<TeamsHostFixture>
{
    private TeamsTestHost Host => fixture.Host;

    public static TheoryData<string> BadTokens => new()
    {
        "none", "not-a-jwt", "expired", "not-yet-valid", "wrong-audience", "wrong-issuer", "unendorsed-key", "unpublished-key",
        "serviceurl-mismatch", "hs256-playground", "basic-scheme",
    };

    [Fact]
    public async Task SignedSubmitAction_IsAcceptedAndStored()
    {
        var conversation = Host.ChannelThread();
        var activity = conversation.Activity("invoke-submitaction-message-channel.json");
        var id = activity["id"]!.GetValue<string>();

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.Contains(await Host.SubmissionsAsync(), s => s.IdempotencyKey == $"teams:{id}:{conversation.AadObjectId}");
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_Gets401_AndNothingIsDone(string kind)
    {
        var conversation = Host.ChannelThread();
        var activity = conversation.Activity("invoke-submitaction-message-channel.json");
        var id = activity["id"]!.GetValue<string>();
        var callsBefore = Host.Connector.Calls.Count;

        using var response = kind == "basic-scheme"
            ? await PostWithSchemeAsync(activity, "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("app:secret")))
            : await Host.PostAsync(activity, Token(kind, conversation.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(callsBefore, Host.Connector.Calls.Count);
        Assert.DoesNotContain(await Host.SubmissionsAsync(), s => s.IdempotencyKey.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServiceUrlClaim_DiffersOnlyByTrailingSlashAndCase_IsAccepted()
    {
        var conversation = Host.ChannelThread();
        var activity = conversation.Activity("invoke-fetchtask-message-channel.json");
        var claim = conversation.ServiceUrl.TrimEnd('/').ToUpperInvariant().Replace("HTTP://", "http://", StringComparison.Ordinal);

        using var response = await Host.PostAsync(activity, Host.Signer.Sign(claim));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MalformedJson_WithValidToken_Gets400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent("{\"type\":\"message\",", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", Host.Signer.Sign(Host.Connector.ServiceUrl));

        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Gets413()
    {
        var activity = Host.Personal().Activity("message-ticket-personal-with-file.json");
        activity["text"] = new string('x', 1024 * 1024 + 1);

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownInvoke_Gets501()
    {
        var activity = Host.ChannelThread().Activity("invoke-fetchtask-message-channel.json");
        activity["name"] = "composeExtension/query";

        using var response = await Host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task UnknownKid_RefetchesKeysAtMostOncePerInterval()
    {
        var before = Host.Login.KeysRequests;
        var activity = Host.ChannelThread().Activity("invoke-fetchtask-message-channel.json");
        for (var i = 0; i < 5; i++)
        {
            using var response = await Host.PostAsync(activity, Token("unpublished-key", activity["serviceUrl"]!.GetValue<string>()));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.True(Host.Login.KeysRequests - before <= 1, $"JWKS fetched {Host.Login.KeysRequests - before} times for 5 forged kids");
    }

    private string Token(string kind, string serviceUrl)
    {
        var signer = Host.Signer;
        return kind switch
        {
            "none" => "",
            "not-a-jwt" => "definitely.not.ajwt",
            "expired" => signer.Sign(serviceUrl, expires: DateTime.UtcNow.AddMinutes(-6)),
            "not-yet-valid" => signer.Sign(serviceUrl, notBefore: DateTime.UtcNow.AddMinutes(6), expires: DateTime.UtcNow.AddMinutes(60)),
            "wrong-audience" => signer.Sign(serviceUrl, audience: "00000000-0000-0000-0000-00000000beef"),
            "wrong-issuer" => signer.Sign(serviceUrl, issuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"),
            "unendorsed-key" => signer.Sign(serviceUrl, key: signer.UnendorsedKey),
            "unpublished-key" => signer.Sign(serviceUrl, key: signer.UnpublishedKey),
            "serviceurl-mismatch" => signer.Sign("https://smba.trafficmanager.net/emea/"),
            // What the Agents Playground sends with TARGET_SDK=teams-ai-v2-dotnet: HS256, a shared dummy secret.
            "hs256-playground" => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = BotFrameworkTokenSigner.Issuer,
                Audience = BotFrameworkTokenSigner.AppId,
                Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
                SigningCredentials = new SigningCredentials(
                    new SymmetricSecurityKey(Encoding.UTF8.GetBytes("dummy-secret-key-dummy-secret-key")) { KeyId = "endorsed-kid" },
                    SecurityAlgorithms.HmacSha256),
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private async Task<HttpResponseMessage> PostWithSchemeAsync(JsonObject activity, string scheme, string parameter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new(scheme, parameter);
        return await Host.Client.SendAsync(request);
    }
}
