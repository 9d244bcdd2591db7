using System.Text.RegularExpressions;
using Grid.Contracts.V1;
using Grid.EndToEnd.Tests.Infrastructure;
using Grpc.Core;

namespace Grid.EndToEnd.Tests.SignIn;

[Collection(GridHostCollection.Name)]
public sealed partial class SmsSignInTests(GridHostFixture host)
{
    [Fact]
    public async Task SmsLogin_WithTheCodeFromTheSimulatorsInbox_OpensASession_AndTheCodeWorksOnce()
    {
        var tenant = await SmsTenantAsync();

        var sent = await SendAsync(tenant, SmsCodePurpose.Login);
        var code = LastCode(tenant);
        var session = await LoginAsync(tenant, code);
        var again = await Assert.ThrowsAsync<RpcException>(() => LoginAsync(tenant, code));

        Assert.Equal(60, sent.ResendAfterSeconds);
        Assert.Equal((tenant.AccountId, SignInMethod.SmsCode), (session.AccountId, session.Method));
        Assert.Equal("sms", (await tenant.ValidateAsync(session.AccessToken)).Claims["amr"]);
        Assert.Equal((StatusCode.Unauthenticated, "invalid credentials"), (again.StatusCode, again.Status.Detail));
    }

    [Fact]
    public async Task SendSmsCode_AgainAtOnce_IsThrottled()
    {
        var tenant = await SmsTenantAsync();
        await SendAsync(tenant, SmsCodePurpose.Login);

        var error = await Assert.ThrowsAsync<RpcException>(() => SendAsync(tenant, SmsCodePurpose.Login));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("retry in", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendSmsCode_FromOneAddressAcrossManyMobiles_IsThrottledAtTheAddressQuota_AndAnotherAddressIsNot()
    {
        var tenant = await SmsTenantAsync();
        var quota = new Grains.Sessions.SmsCodeOptions().MaxPerClientAddress;
        Task<SendSmsCodeResponse> SendFrom(string address, int n) => tenant.Auth.SendSmsCodeAsync(new SendSmsCodeRequest
        {
            TenantId = tenant.TenantId,
            ConnectorId = SignInTenant.ConnectorId,
            Mobile = "+86139" + n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
            Purpose = SmsCodePurpose.Login,
            Client = new SignInClient { IpAddress = address },
        }, tenant.Frontend).ResponseAsync;

        for (var n = 0; n < quota; n++)
        {
            await SendFrom("198.51.100.7", n);
        }

        var sprayed = await Assert.ThrowsAsync<RpcException>(() => SendFrom("198.51.100.7", quota));
        var other = await SendFrom("198.51.100.8", quota);

        Assert.Equal(StatusCode.ResourceExhausted, sprayed.StatusCode);
        Assert.StartsWith("too many codes were asked for from this address", sprayed.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(60, other.ResendAfterSeconds);
    }

    [Fact]
    public async Task SmsLogin_AfterFiveWrongCodes_TheRightOneIsSpentToo_AndEveryRefusalSaysTheSame()
    {
        var tenant = await SmsTenantAsync();
        await SendAsync(tenant, SmsCodePurpose.Login);
        var code = LastCode(tenant);
        var wrong = code == "000000" ? "111111" : "000000";

        var refusals = new List<RpcException>();
        for (var i = 0; i < 5; i++)
        {
            refusals.Add(await Assert.ThrowsAsync<RpcException>(() => LoginAsync(tenant, wrong)));
        }

        refusals.Add(await Assert.ThrowsAsync<RpcException>(() => LoginAsync(tenant, code)));
        Assert.All(refusals, e => Assert.Equal((StatusCode.Unauthenticated, "invalid credentials"), (e.StatusCode, e.Status.Detail)));
    }

    [Fact]
    public async Task SendSmsCode_ForAMobileWithoutAccount_AnswersAlike_AndSendsNothing()
    {
        var tenant = await SmsTenantAsync();
        var before = host.Simulator.Simulator.Sms.Messages.Count;

        var response = await tenant.Auth.SendSmsCodeAsync(new SendSmsCodeRequest
        {
            TenantId = tenant.TenantId, ConnectorId = SignInTenant.ConnectorId, Mobile = "+8613900000000", Purpose = SmsCodePurpose.Login,
        }, tenant.Frontend);

        Assert.Equal(60, response.ResendAfterSeconds);
        Assert.DoesNotContain(host.Simulator.Simulator.Sms.Messages.Skip(before), m => m.Mobile == "+8613900000000");
    }

    [Fact]
    public async Task ResetPassword_WithAResetCode_SetsTheNewPassword_AndALoginCodeCannotReset()
    {
        var tenant = await SmsTenantAsync();
        await SendAsync(tenant, SmsCodePurpose.Login);
        var loginCode = LastCode(tenant);
        var wrongPurpose = await Assert.ThrowsAsync<RpcException>(() => ResetAsync(tenant, loginCode, "a brand new password"));

        await SendAsync(tenant, SmsCodePurpose.ResetPassword);
        var reset = await ResetAsync(tenant, LastCode(tenant), "a brand new password");
        var oldPassword = await Assert.ThrowsAsync<RpcException>(() => tenant.LoginAsync());

        Assert.Equal(StatusCode.Unauthenticated, wrongPurpose.StatusCode);
        Assert.Equal(tenant.AccountId, reset.AccountId);
        Assert.Equal(StatusCode.Unauthenticated, oldPassword.StatusCode);
        Assert.Equal(tenant.AccountId, (await tenant.LoginAsync(password: "a brand new password")).AccountId);
    }

    [Fact]
    public async Task SendSmsCode_WhenTheConnectorDoesNotAllowTheSmsFallback_IsFailedPrecondition()
    {
        var tenant = await SignInTenant.CreateAsync(host);

        var error = await Assert.ThrowsAsync<RpcException>(() => SendAsync(tenant, SmsCodePurpose.Login));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("SMS sign-in is not enabled", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendSmsCode_WithAnInvalidMobile_IsInvalidArgumentNamingTheField()
    {
        var tenant = await SmsTenantAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => tenant.Auth.SendSmsCodeAsync(new SendSmsCodeRequest
        {
            TenantId = tenant.TenantId, ConnectorId = SignInTenant.ConnectorId, Mobile = "call me", Purpose = SmsCodePurpose.Login,
        }, tenant.Frontend).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("mobile", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
    }

    private Task<SignInTenant> SmsTenantAsync() => SignInTenant.CreateAsync(host, features => features.SmsFallback = true);

    private static async Task<SendSmsCodeResponse> SendAsync(SignInTenant tenant, SmsCodePurpose purpose) =>
        await tenant.Auth.SendSmsCodeAsync(new SendSmsCodeRequest
        {
            TenantId = tenant.TenantId, ConnectorId = SignInTenant.ConnectorId, Mobile = tenant.Mobile, Purpose = purpose,
        }, tenant.Frontend);

    private static async Task<SignInSession> LoginAsync(SignInTenant tenant, string code) =>
        (await tenant.Auth.SmsLoginAsync(new SmsLoginRequest
        {
            TenantId = tenant.TenantId, ConnectorId = SignInTenant.ConnectorId, Mobile = tenant.Mobile, Code = code,
        }, tenant.Frontend)).Session;

    private static async Task<ResetPasswordResponse> ResetAsync(SignInTenant tenant, string code, string password) =>
        await tenant.Auth.ResetPasswordAsync(new ResetPasswordRequest
        {
            TenantId = tenant.TenantId, ConnectorId = SignInTenant.ConnectorId, Mobile = tenant.Mobile, Code = code, NewPassword = password,
        }, tenant.Frontend);

    private string LastCode(SignInTenant tenant)
    {
        var message = host.Simulator.Simulator.Sms.LastTo(tenant.Mobile) ?? throw new InvalidOperationException($"no SMS reached {tenant.Mobile}");
        return SixDigits().Match(message.Text).Value;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
