namespace Grid.WeCom.Api;

/// <summary>WeCom <c>errcode</c> values this project acts on (global error code page, doc 90313).</summary>
public static class WeComErrorCodes
{
    /// <summary>System busy; try again later. Retried.</summary>
    public const int SystemBusy = -1;

    /// <summary>Invalid secret, or corp id and secret do not match, or the app is disabled.</summary>
    public const int InvalidCredential = 40001;

    /// <summary>Malformed user id.</summary>
    public const int InvalidUserId = 40003;

    /// <summary>Invalid corp id.</summary>
    public const int InvalidCorpId = 40013;

    /// <summary>Invalid access token (expired early or malformed). Refreshed once.</summary>
    public const int InvalidAccessToken = 40014;

    /// <summary>Invalid or already used OAuth code.</summary>
    public const int InvalidOAuthCode = 40029;

    /// <summary>Access token missing from the query string.</summary>
    public const int AccessTokenMissing = 41001;

    /// <summary>Access token expired. Refreshed once.</summary>
    public const int AccessTokenExpired = 42001;

    /// <summary>Call frequency over the limit. Retried with backoff.</summary>
    public const int ApiFrequencyOutOfLimit = 45009;

    /// <summary>Too many concurrent calls of one API. Retried with backoff.</summary>
    public const int ApiConcurrencyOutOfLimit = 45033;

    /// <summary>The app type may not call this API.</summary>
    public const int ApiForbidden = 48002;

    /// <summary>The contact-sync assistant may not read contact details from a new IP (since 2022-08-15).</summary>
    public const int ApiForbiddenForContactAssistant = 48009;

    /// <summary>The redirect domain is not a trusted domain of the app.</summary>
    public const int RedirectUriUnauthorized = 50001;

    /// <summary>Department not found.</summary>
    public const int DepartmentNotFound = 60003;

    /// <summary>Member, department or tag outside the app's visible range.</summary>
    public const int NoPrivilege = 60011;

    /// <summary>Caller IP is not a trusted IP of the app.</summary>
    public const int IpNotAllowed = 60020;

    /// <summary>User id not found (or not visible).</summary>
    public const int UserIdNotFound = 60111;

    /// <summary>User ticket expired.</summary>
    public const int UserTicketExpired = 84014;

    /// <summary>User ticket invalid.</summary>
    public const int UserTicketInvalid = 84015;

    /// <summary>Whether WeCom asks for the call to be tried again later.</summary>
    public static bool IsTransient(int errCode) =>
        errCode is SystemBusy or ApiFrequencyOutOfLimit or ApiConcurrencyOutOfLimit;

    /// <summary>Whether the access token was rejected and should be refreshed.</summary>
    public static bool IsAccessTokenRejected(int errCode) => errCode is InvalidAccessToken or AccessTokenExpired;
}
