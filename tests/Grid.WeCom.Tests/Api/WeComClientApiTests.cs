using System.Text.Json;
using Grid.WeCom.Api;

namespace Grid.WeCom.Tests.Api;

/// <summary>Request and response shapes, using the official samples of API.md §2-§3.</summary>
public sealed class WeComClientApiTests
{
    [Fact]
    public async Task ListDepartments_SendsIdAndReadsTheOfficialSample()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/department/list", (context, _) => FakeWeComServer.JsonAsync(context, """
            {"errcode":0,"errmsg":"ok","department":[
              {"id":2,"name":"广州研发中心","name_en":"RDGZ","department_leader":["zhangsan","lisi"],"parentid":1,"order":10},
              {"id":3,"name":"邮箱产品部","name_en":"mail","department_leader":["lisi","wangwu"],"parentid":2,"order":4294967295,"unknown":{"x":1}}]}
            """));

        var departments = await harness.Client.ListDepartmentsAsync(WeComClientHarness.App, 2);

        Assert.Equal(2, departments.Count);
        Assert.Equal(2, departments[0].Id);
        Assert.Equal("广州研发中心", departments[0].Name);
        Assert.Equal("RDGZ", departments[0].NameEn);
        Assert.Equal(["zhangsan", "lisi"], departments[0].DepartmentLeader);
        Assert.Equal(1, departments[0].ParentId);
        Assert.Equal(4294967295L, departments[1].Order);
        var request = harness.Server.Requests.Last();
        Assert.Equal("2", request.Query["id"]);
        Assert.Equal("token-1", request.Query["access_token"]);
    }

    [Fact]
    public async Task ListDepartments_WithoutId_OmitsTheParameter()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/department/list", (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok"}"""));

        var departments = await harness.Client.ListDepartmentsAsync(WeComClientHarness.App);

        Assert.Empty(departments);
        Assert.False(harness.Server.Requests.Last().Query.ContainsKey("id"));
    }

    [Fact]
    public async Task ListDepartmentIds_ReadsTheDepartmentIdArray()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/department/simplelist", (context, _) => FakeWeComServer.JsonAsync(context, """
            {"errcode":0,"errmsg":"ok","department_id":[{"id":2,"parentid":1,"order":10},{"id":3,"parentid":2,"order":40}]}
            """));

        var ids = await harness.Client.ListDepartmentIdsAsync(WeComClientHarness.App);

        Assert.Equal(
            [new WeComDepartmentId { Id = 2, ParentId = 1, Order = 10 }, new WeComDepartmentId { Id = 3, ParentId = 2, Order = 40 }],
            ids);
    }

    [Fact]
    public async Task GetDepartment_ReadsTheDepartmentObject()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/department/get", (context, _) => FakeWeComServer.JsonAsync(context, """
            {"errcode":0,"errmsg":"ok","department":{"id":2,"name":"广州研发中心","name_en":"RDGZ","department_leader":["zhangsan","lisi"],"parentid":1,"order":10}}
            """));

        var department = await harness.Client.GetDepartmentAsync(WeComClientHarness.App, 2);

        Assert.Equal("广州研发中心", department.Name);
        Assert.Equal("2", harness.Server.Requests.Last().Query["id"]);
    }

    [Fact]
    public async Task GetDepartment_WhenNotFound_ThrowsDepartmentNotFound()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/department/get", (context, _) => FakeWeComServer.ErrorAsync(context, WeComErrorCodes.DepartmentNotFound));

        var exception = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetDepartmentAsync(WeComClientHarness.App, 99));

        Assert.Equal(WeComErrorCodes.DepartmentNotFound, exception.ErrCode);
    }

    [Fact]
    public async Task ListUserIdsPage_PostsCursorAndLimitAndReadsRows()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/list_id", (context, _) => FakeWeComServer.JsonAsync(context, """
            {"errcode":0,"errmsg":"ok","next_cursor":"aaaaaaaaa","dept_user":[
              {"userid":"zhangsan","department":1},{"userid":"zhangsan","department":2},{"userid":"lisi","department":2}]}
            """));

        var page = await harness.Client.ListUserIdsPageAsync(WeComClientHarness.App, "xxxxxxx", 500);

        Assert.Equal("aaaaaaaaa", page.NextCursor);
        Assert.Equal(
            [new DeptUser { UserId = "zhangsan", Department = 1 }, new DeptUser { UserId = "zhangsan", Department = 2 }, new DeptUser { UserId = "lisi", Department = 2 }],
            page.Users);
        var request = harness.Server.Requests.Last();
        Assert.Equal("token-1", request.Query["access_token"]);
        Assert.Equal("""{"cursor":"xxxxxxx","limit":500}""", request.Body);
    }

    [Fact]
    public async Task ListUserIdsPage_OnTheFirstPage_OmitsTheCursor()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/list_id", (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok","next_cursor":"","dept_user":[]}"""));

        var page = await harness.Client.ListUserIdsPageAsync(WeComClientHarness.App, null);

        Assert.Null(page.NextCursor);
        Assert.Equal("""{"limit":10000}""", harness.Server.Requests.Last().Body);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public async Task ListUserIdsPage_WhenLimitIsOutOfRange_Throws(int limit)
    {
        await using var harness = await WeComClientHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.ListUserIdsPageAsync(WeComClientHarness.App, null, limit));
    }

    [Fact]
    public async Task ListAllUserIds_FollowsCursorsUntilTheLastPage()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/list_id", (context, number) => FakeWeComServer.JsonAsync(context, number switch
        {
            1 => """{"errcode":0,"errmsg":"ok","next_cursor":"c2","dept_user":[{"userid":"a","department":1},{"userid":"b","department":1}]}""",
            2 => """{"errcode":0,"errmsg":"ok","next_cursor":"c3","dept_user":[{"userid":"c","department":2}]}""",
            _ => """{"errcode":0,"errmsg":"ok","dept_user":[{"userid":"a","department":3}]}""",
        }));

        var rows = new List<DeptUser>();
        await foreach (var row in harness.Client.ListAllUserIdsAsync(WeComClientHarness.App))
        {
            rows.Add(row);
        }

        Assert.Equal(["a/1", "b/1", "c/2", "a/3"], rows.Select(r => $"{r.UserId}/{r.Department}"));
        Assert.Equal(
            [null, "c2", "c3"],
            harness.Server.Requests.Where(r => r.Path == "/cgi-bin/user/list_id")
                .Select(r => JsonDocument.Parse(r.Body).RootElement.TryGetProperty("cursor", out var c) ? c.GetString() : null));
    }

    [Fact]
    public async Task ListAllUserIds_WhenCursorDoesNotAdvance_Throws()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/list_id", (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok","next_cursor":"same","dept_user":[]}"""));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var row in harness.Client.ListAllUserIdsAsync(WeComClientHarness.App))
            {
                Assert.Fail($"No rows expected, got {row}.");
            }
        });

        Assert.Equal(HttpRequestError.InvalidResponse, exception.HttpRequestError);
        Assert.Equal(2, harness.Server.Count("/cgi-bin/user/list_id"));
    }

    [Fact]
    public async Task ListDepartmentUsersSimple_SendsDepartmentIdAndReadsUserList()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/simplelist", (context, _) => FakeWeComServer.JsonAsync(context, """
            {"errcode":0,"errmsg":"ok","userlist":[{"userid":"zhangsan","name":"张三","department":[1,2],"open_userid":"xxxxxx"}]}
            """));

        var users = await harness.Client.ListDepartmentUsersSimpleAsync(WeComClientHarness.App, 7);

        var user = Assert.Single(users);
        Assert.Equal("zhangsan", user.UserId);
        Assert.Equal([1L, 2L], user.Department);
        Assert.Equal("xxxxxx", user.OpenUserId);
        Assert.Equal("7", harness.Server.Requests.Last().Query["department_id"]);
    }

    [Fact]
    public async Task ListDepartmentUsers_ReadsFullMembers()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/list", (context, _) => FakeWeComServer.JsonAsync(context,
            $$"""{"errcode":0,"errmsg":"ok","userlist":[{{OfficialUserSample}},{"userid":"lisi","name":"李四","department":[2],"english_name":"legacy"}]}"""));

        var users = await harness.Client.ListDepartmentUsersAsync(WeComClientHarness.App, 1);

        Assert.Equal(["zhangsan", "lisi"], users.Select(u => u.UserId));
        Assert.Equal("1", harness.Server.Requests.Last().Query["department_id"]);
    }

    [Fact]
    public async Task GetUser_ReadsEveryFieldOfTheOfficialSample()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/get", (context, _) => FakeWeComServer.JsonAsync(context, $$"""{"errcode":0,"errmsg":"ok",{{OfficialUserSample[1..]}}"""));

        var user = await harness.Client.GetUserAsync(WeComClientHarness.App, "zhang san@x");

        Assert.Equal("zhang san@x", harness.Server.Requests.Last().Query["userid"]);
        Assert.Equal("zhangsan", user.UserId);
        Assert.Equal("张三", user.Name);
        Assert.Equal([1L, 2L], user.Department);
        Assert.Equal([1L, 2L], user.Order);
        Assert.Equal("后台工程师", user.Position);
        Assert.Equal("13800000000", user.Mobile);
        Assert.Equal("1", user.Gender);
        Assert.Equal("zhangsan@gzdev.com", user.Email);
        Assert.Equal("zhangsan@qyycs2.wecom.work", user.BizMail);
        Assert.Equal([1, 0], user.IsLeaderInDept);
        Assert.Equal(["lisi", "wangwu"], user.DirectLeader);
        Assert.EndsWith("/0", user.Avatar, StringComparison.Ordinal);
        Assert.EndsWith("/100", user.ThumbAvatar, StringComparison.Ordinal);
        Assert.Equal("020-123456", user.Telephone);
        Assert.Equal("jackzhang", user.Alias);
        Assert.Equal("广州市海珠区新港中路", user.Address);
        Assert.Equal("xxxxxx", user.OpenUserId);
        Assert.Equal(1L, user.MainDepartment);
        Assert.Equal(1, user.Status);
        Assert.StartsWith("https://open.work.weixin.qq.com/wwopen/userQRCode", user.QrCode, StringComparison.Ordinal);
        Assert.Equal("产品经理", user.ExternalPosition);
        var attrs = user.ExtAttr!.Attrs!;
        Assert.Equal("文本", attrs[0].Text!.Value);
        Assert.Equal("http://www.test.com", attrs[1].Web!.Url);
        Assert.Equal("标题", attrs[1].Web!.Title);
    }

    [Fact]
    public async Task GetUser_WhenGenderIsANumber_ReadsItAsAString()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/get", (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok","userid":"u","gender":2,"status":"1"}"""));

        var user = await harness.Client.GetUserAsync(WeComClientHarness.App, "u");

        Assert.Equal("2", user.Gender);
        Assert.Equal(1, user.Status);
    }

    [Fact]
    public async Task GetUser_WhenUserIdIsMissingFromASuccess_ThrowsInvalidResponseWithoutRetrying()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/user/get", (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok","name":"x"}"""));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.GetUserAsync(WeComClientHarness.App, "u"));

        Assert.Equal(HttpRequestError.InvalidResponse, exception.HttpRequestError);
        Assert.Equal(1, harness.Server.Count("/cgi-bin/user/get"));
    }

    [Fact]
    public async Task GetUserInfo_ForAMember_ReturnsUserIdAndTicket()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/auth/getuserinfo", (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok","userid":"USERID","user_ticket":"USER_TICKET"}"""));

        var info = await harness.Client.GetUserInfoAsync(WeComClientHarness.App, "CODE+/=");

        Assert.True(info.IsMember);
        Assert.Equal("USERID", info.UserId);
        Assert.Equal("USER_TICKET", info.UserTicket);
        Assert.Null(info.ExpiresIn);
        Assert.Equal("CODE+/=", harness.Server.Requests.Last().Query["code"]);
    }

    [Fact]
    public async Task GetUserInfo_ForANonMember_ReturnsOpenId()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/auth/getuserinfo", (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok","openid":"OPENID","external_userid":"EXTERNAL_USERID"}"""));

        var info = await harness.Client.GetUserInfoAsync(WeComClientHarness.App, "CODE");

        Assert.False(info.IsMember);
        Assert.Equal("OPENID", info.OpenId);
        Assert.Equal("EXTERNAL_USERID", info.ExternalUserId);
    }

    [Fact]
    public async Task GetUserInfo_WhenCodeWasUsed_ThrowsInvalidOAuthCode()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/auth/getuserinfo", (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode": 40029, "errmsg": "invalid code"}"""));

        var exception = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetUserInfoAsync(WeComClientHarness.App, "CODE"));

        Assert.Equal(WeComErrorCodes.InvalidOAuthCode, exception.ErrCode);
        Assert.Equal("invalid code", exception.ErrMsg);
    }

    [Fact]
    public async Task GetUserDetail_PostsTheTicketAndReadsConsentedFields()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/auth/getuserdetail", (context, _) => FakeWeComServer.JsonAsync(context, """
            {"errcode":0,"errmsg":"ok","userid":"lisi","gender":"1","avatar":"http://shp.qpic.cn/bizmp/xxxxxxxxxxx/0",
             "qr_code":"https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=vcfc13b01dfs78e981c","mobile":"13800000000",
             "email":"zhangsan@gzdev.com","biz_mail":"zhangsan@qyycs2.wecom.work","address":"广州市海珠区新港中路"}
            """));

        var detail = await harness.Client.GetUserDetailAsync(WeComClientHarness.App, "USER_TICKET");

        Assert.Equal(
            new WeComUserDetail
            {
                UserId = "lisi",
                Gender = "1",
                Avatar = "http://shp.qpic.cn/bizmp/xxxxxxxxxxx/0",
                QrCode = "https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=vcfc13b01dfs78e981c",
                Mobile = "13800000000",
                Email = "zhangsan@gzdev.com",
                BizMail = "zhangsan@qyycs2.wecom.work",
                Address = "广州市海珠区新港中路",
            },
            detail);
        Assert.Equal("""{"user_ticket":"USER_TICKET"}""", harness.Server.Requests.Last().Body);
    }

    [Fact]
    public async Task GetUserDetail_WhenTicketExpired_ThrowsUserTicketExpired()
    {
        await using var harness = await WeComClientHarness.StartAsync();
        harness.Server.On("/cgi-bin/auth/getuserdetail", (context, _) => FakeWeComServer.ErrorAsync(context, WeComErrorCodes.UserTicketExpired));

        var exception = await Assert.ThrowsAsync<WeComApiException>(() => harness.Client.GetUserDetailAsync(WeComClientHarness.App, "T"));

        Assert.Equal(WeComErrorCodes.UserTicketExpired, exception.ErrCode);
    }

    [Fact]
    public async Task Client_WhenApiBaseUrlHasAPath_CallsUnderIt()
    {
        await using var server = await FakeWeComServer.StartAsync();
        await using var harness = await WeComClientHarness.StartAsync(
            new Dictionary<string, string?> { ["WeCom:ApiBaseUrl"] = server.BaseUrl + "/wecom" });
        server.On("/wecom/cgi-bin/gettoken", (context, _) => FakeWeComServer.JsonAsync(context, """{"errcode":0,"errmsg":"ok","access_token":"t","expires_in":7200}"""));

        var token = await harness.Client.GetAccessTokenAsync(WeComClientHarness.App);

        Assert.Equal("t", token.Value);
        Assert.Equal(1, server.Count("/wecom/cgi-bin/gettoken"));
    }

    private const string OfficialUserSample = """
        {
          "userid": "zhangsan",
          "name": "张三",
          "department": [1, 2],
          "order": [1, 2],
          "position": "后台工程师",
          "mobile": "13800000000",
          "gender": "1",
          "email": "zhangsan@gzdev.com",
          "biz_mail": "zhangsan@qyycs2.wecom.work",
          "is_leader_in_dept": [1, 0],
          "direct_leader": ["lisi", "wangwu"],
          "avatar": "http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0",
          "thumb_avatar": "http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/100",
          "telephone": "020-123456",
          "alias": "jackzhang",
          "address": "广州市海珠区新港中路",
          "open_userid": "xxxxxx",
          "main_department": 1,
          "extattr": {
            "attrs": [
              {"type": 0, "name": "文本名称", "text": {"value": "文本"}},
              {"type": 1, "name": "网页名称", "web": {"url": "http://www.test.com", "title": "标题"}}
            ]
          },
          "status": 1,
          "qr_code": "https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=xxx",
          "external_position": "产品经理",
          "external_profile": {
            "external_corp_name": "企业简称",
            "wechat_channels": {"nickname": "视频号名称", "status": 1},
            "external_attr": [
              {"type": 2, "name": "测试app", "miniprogram": {"appid": "wx8bd80126147dFAKE", "pagepath": "/index", "title": "my miniprogram"}}
            ]
          }
        }
        """;
}
