namespace Grid.WeCom.Simulator.Api;

/// <summary>
/// WeCom errcodes the simulator emits, with the base errmsg texts WeCom uses (API.md §0). Texts that API.md marks as
/// unconfirmed are best guesses; clients must match on the code, never on the text.
/// </summary>
internal static class WeComErrors
{
    public const int Ok = 0;
    public const int SystemBusy = -1;
    public const int InvalidCredential = 40001;
    public const int InvalidUserId = 40003;
    public const int InvalidCorpId = 40013;
    public const int InvalidAccessToken = 40014;
    public const int InvalidCode = 40029;
    public const int InvalidAgentId = 40056;
    public const int InvalidCallbackUrl = 40057;
    public const int InvalidParameter = 40058;
    public const int InvalidDepartmentList = 40066;
    public const int AccessTokenMissing = 41001;
    public const int CorpIdMissing = 41002;
    public const int CodeMissing = 41008;
    public const int SecretMissing = 41004;
    public const int UserIdMissing = 41009;
    public const int AccessTokenExpired = 42001;
    public const int FrequencyLimit = 45009;
    public const int ConcurrencyLimit = 45033;
    public const int DataFormatError = 47001;
    public const int ApiForbidden = 48002;
    public const int RedirectUriUnauthorized = 50001;
    public const int DepartmentNameLength = 60001;
    public const int DepartmentNotFound = 60003;
    public const int ParentDepartmentNotFound = 60004;
    public const int DepartmentHasMembers = 60005;
    public const int DepartmentHasChildren = 60006;
    public const int RootDepartmentUndeletable = 60007;
    public const int DepartmentExists = 60008;
    public const int DepartmentNameInvalid = 60009;
    public const int DepartmentCycle = 60010;
    public const int NoPrivilege = 60011;
    public const int IpNotAllowed = 60020;
    public const int UserIdExists = 60102;
    public const int MobileExists = 60104;
    public const int UserIdNotFound = 60111;
    public const int InvalidName = 60112;
    public const int InvalidDepartmentId = 60123;
    public const int UserTicketExpired = 84014;
    public const int UserTicketInvalid = 84015;
    public const int UserTicketMissing = 84090;
    public const int UserIdChangeNotAllowed = 301036;

    public static string Text(int errcode) => errcode switch
    {
        Ok => "ok",
        SystemBusy => "system busy",
        InvalidCredential => "invalid credential",
        InvalidUserId => "invalid userid",
        InvalidCorpId => "invalid corpid",
        InvalidAccessToken => "invalid access_token",
        InvalidCode => "invalid code",
        InvalidAgentId => "invalid agentid",
        InvalidCallbackUrl => "invalid callbackurl",
        InvalidParameter => "invalid parameter",
        InvalidDepartmentList => "invalid department list",
        AccessTokenMissing => "access_token missing",
        CorpIdMissing => "corpid missing",
        CodeMissing => "missing code",
        SecretMissing => "corpsecret missing",
        UserIdMissing => "userid missing",
        AccessTokenExpired => "access_token expired",
        FrequencyLimit => "api freq out of limit",
        ConcurrencyLimit => "api concurrent out of limit",
        DataFormatError => "data format error",
        ApiForbidden => "api forbidden",
        RedirectUriUnauthorized => "redirect_uri unauthorized",
        DepartmentNameLength => "invalid department name length",
        DepartmentNotFound => "department not found",
        ParentDepartmentNotFound => "parent department not found",
        DepartmentHasMembers => "department contains user",
        DepartmentHasChildren => "department contains sub-department",
        RootDepartmentUndeletable => "not allow to delete root department",
        DepartmentExists => "department existed",
        DepartmentNameInvalid => "department name contains invalid char",
        DepartmentCycle => "department has cycle",
        NoPrivilege => "no privilege to access/modify contact/party/agent",
        IpNotAllowed => "not allow to access from your ip",
        UserIdExists => "userid existed",
        MobileExists => "mobile existed",
        UserIdNotFound => "userid not found",
        InvalidName => "invalid name",
        InvalidDepartmentId => "invalid department id",
        UserTicketExpired => "user_ticket expired",
        UserTicketInvalid => "invalid user_ticket",
        UserTicketMissing => "user_ticket missing",
        UserIdChangeNotAllowed => "not allow to update userid",
        _ => "error",
    };
}
