using Grid.WeCom.Callbacks;
using Grid.WeCom.Events;

namespace Grid.WeCom.Tests.Events;

public sealed class ContactEventParserTests
{
    private static readonly DateTimeOffset SampleTime = DateTimeOffset.FromUnixTimeSeconds(1403610513);

    [Fact]
    public void Parse_CreateUserSample_ReadsEveryField()
    {
        var change = Assert.IsType<MemberCreated>(ContactEventParser.Parse(ContactEventSamples.CreateUser));

        Assert.Equal("toUser", change.ToUserName);
        Assert.Equal(SampleTime, change.CreateTime);
        Assert.Equal("zhangsan", change.UserId);
        var fields = change.Fields;
        Assert.Equal("张三", fields.Name);
        Assert.Equal([1L, 2L, 3L], fields.Departments);
        Assert.Equal(1L, fields.MainDepartment);
        Assert.Equal([true, false, false], fields.IsLeaderInDept);
        Assert.Equal(["lisi", "wangwu"], fields.DirectLeader);
        Assert.Equal("产品经理", fields.Position);
        Assert.Equal("13800000000", fields.Mobile);
        Assert.Equal("1", fields.Gender);
        Assert.Equal("zhangsan@gzdev.com", fields.Email);
        Assert.Equal("zhangsan@qyycs2.wecom.work", fields.BizMail);
        Assert.Equal(1, fields.Status);
        Assert.StartsWith("http://wx.qlogo.cn/mmopen/", fields.Avatar, StringComparison.Ordinal);
        Assert.Equal("zhangsan", fields.Alias);
        Assert.Equal("020-123456", fields.Telephone);
        Assert.Equal("广州市", fields.Address);
        Assert.Equal(
            [new ExtAttrItem("爱好", 0, "旅游", null, null), new ExtAttrItem("卡号", 1, null, "企业微信", "https://work.weixin.qq.com")],
            fields.ExtAttr);
    }

    [Fact]
    public void Parse_UpdateUserSample_CarriesOldAndNewUserId()
    {
        var change = Assert.IsType<MemberUpdated>(ContactEventParser.Parse(ContactEventSamples.UpdateUser));

        Assert.Equal("toUser", change.ToUserName);
        Assert.Equal(SampleTime, change.CreateTime);
        Assert.Equal("zhangsan", change.UserId);
        Assert.Equal("zhangsan001", change.NewUserId);
        Assert.Equal("张三", change.Fields.Name);
        Assert.Equal([1L, 2L, 3L], change.Fields.Departments);
        Assert.Null(change.Fields.DirectLeader);
        Assert.Null(change.Fields.BizMail);
        Assert.Equal([new ExtAttrItem("爱好", 0, "旅游", null, null)], change.Fields.ExtAttr);
    }

    [Fact]
    public void Parse_DeleteUserSample_ReturnsMemberDeleted()
    {
        var change = ContactEventParser.Parse(ContactEventSamples.DeleteUser);

        Assert.Equal(new MemberDeleted("toUser", SampleTime, "zhangsan"), change);
    }

    [Fact]
    public void Parse_CreatePartySample_ReturnsDepartmentCreated()
    {
        var change = ContactEventParser.Parse(ContactEventSamples.CreateParty);

        Assert.Equal(new DepartmentCreated("toUser", SampleTime, 2, "张三", 1, 1), change);
    }

    [Fact]
    public void Parse_UpdatePartySample_ReturnsDepartmentUpdated()
    {
        var change = ContactEventParser.Parse(ContactEventSamples.UpdateParty);

        Assert.Equal(new DepartmentUpdated("toUser", SampleTime, 2, "张三", 1), change);
    }

    [Fact]
    public void Parse_DeletePartySample_ReturnsDepartmentDeleted()
    {
        var change = ContactEventParser.Parse(ContactEventSamples.DeleteParty);

        Assert.Equal(new DepartmentDeleted("toUser", SampleTime, 2), change);
    }

    [Fact]
    public void Parse_UpdateTagSample_IsIgnoredWithItsChangeType()
    {
        var change = ContactEventParser.Parse(ContactEventSamples.UpdateTag);

        Assert.Equal(new IgnoredEvent("toUser", SampleTime, "event", "change_contact", "update_tag"), change);
    }

    [Fact]
    public void Parse_RestrictedCreateUser_LeavesAbsentFieldsNull()
    {
        const string xml = """
            <xml><ToUserName>ww1</ToUserName><CreateTime>1700000000</CreateTime><MsgType>event</MsgType>
            <Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>lisi</UserID><Department>5</Department></xml>
            """;

        var change = Assert.IsType<MemberCreated>(ContactEventParser.Parse(xml));

        Assert.Equal("lisi", change.UserId);
        Assert.Equal([5L], change.Fields.Departments);
        Assert.Equal(new MemberFields { Departments = change.Fields.Departments }, change.Fields);
    }

    [Fact]
    public void Parse_UpdateUserWithoutNewUserId_HasNullNewUserId()
    {
        const string xml = """
            <xml><ToUserName>ww1</ToUserName><CreateTime>1700000000</CreateTime><MsgType>event</MsgType>
            <Event>change_contact</Event><ChangeType>update_user</ChangeType><UserID>lisi</UserID><Department></Department></xml>
            """;

        var change = Assert.IsType<MemberUpdated>(ContactEventParser.Parse(xml));

        Assert.Null(change.NewUserId);
        Assert.Empty(change.Fields.Departments!);
        Assert.Null(change.Fields.Name);
    }

    [Fact]
    public void Parse_PlainTextAndCDataForms_GiveTheSameEvent()
    {
        const string plain = """
            <xml><ToUserName>toUser</ToUserName><CreateTime>1403610513</CreateTime><MsgType>event</MsgType>
            <Event>change_contact</Event><ChangeType>create_party</ChangeType><Id>2</Id><Name>张三</Name><ParentId>1</ParentId><Order>1</Order></xml>
            """;

        Assert.Equal(ContactEventParser.Parse(ContactEventSamples.CreateParty), ContactEventParser.Parse(plain));
    }

    [Theory]
    [InlineData("text", null)]
    [InlineData("event", "subscribe")]
    [InlineData("event", "click")]
    public void Parse_MessagesAndOtherEvents_AreIgnored(string msgType, string? eventName)
    {
        var eventElement = eventName is null ? string.Empty : $"<Event>{eventName}</Event>";
        var xml = $"<xml><ToUserName>ww1</ToUserName><CreateTime>1</CreateTime><MsgType>{msgType}</MsgType>{eventElement}<Content>hi</Content></xml>";

        var change = ContactEventParser.Parse(xml);

        Assert.Equal(new IgnoredEvent("ww1", DateTimeOffset.FromUnixTimeSeconds(1), msgType, eventName, null), change);
    }

    [Fact]
    public void Parse_DecryptedFromAnEncryptedCallback_ReadsTheEvent()
    {
        var crypto = new WeComCallbackCrypto("token", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "toUser");
        var encrypted = crypto.Encrypt(ContactEventSamples.DeleteUser);
        var body = WeComCallbackCrypto.CreateXmlCallbackBody("toUser", "1000002", encrypted);

        var plaintext = crypto.DecryptEnvelope(crypto.Sign("1", "2", encrypted), "1", "2", body);

        Assert.Equal(new MemberDeleted("toUser", SampleTime, "zhangsan"), ContactEventParser.Parse(plaintext));
    }

    [Theory]
    [InlineData("<!DOCTYPE xml [<!ENTITY e \"x\">]><xml><ToUserName>&e;</ToUserName></xml>", "DTD")]
    [InlineData("<!DOCTYPE xml SYSTEM \"http://127.0.0.1/x.dtd\"><xml/>", "DTD")]
    [InlineData("<xml><ToUserName>a</ToUserName>", "well-formed")]
    [InlineData("not xml", "well-formed")]
    [InlineData("", "well-formed")]
    [InlineData("<root><ToUserName>a</ToUserName></root>", "<xml>")]
    public void Parse_WhenXmlIsUnacceptable_ThrowsWithAClearMessage(string xml, string expectedInMessage)
    {
        var exception = Assert.Throws<ContactEventParseException>(() => ContactEventParser.Parse(xml));

        Assert.Contains(expectedInMessage, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<CreateTime>1</CreateTime><MsgType>event</MsgType>", "<ToUserName>")]
    [InlineData("<ToUserName>a</ToUserName><MsgType>event</MsgType>", "<CreateTime>")]
    [InlineData("<ToUserName>a</ToUserName><CreateTime>soon</CreateTime><MsgType>event</MsgType>", "<CreateTime>")]
    [InlineData("<ToUserName>a</ToUserName><CreateTime>1</CreateTime>", "<MsgType>")]
    [InlineData("<ToUserName>a</ToUserName><ToUserName>b</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType>", "more than once")]
    [InlineData("<ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event>", "<ChangeType>")]
    [InlineData("<ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>delete_user</ChangeType>", "<UserID>")]
    [InlineData("<ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>delete_party</ChangeType><Id>x</Id>", "<Id>")]
    [InlineData("<ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>u</UserID><Department>1,two</Department>", "<Department>")]
    [InlineData("<ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>u</UserID><IsLeaderInDept>1,2</IsLeaderInDept>", "<IsLeaderInDept>")]
    [InlineData("<ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>u</UserID><Status>active</Status>", "<Status>")]
    [InlineData("<ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID><b>u</b></UserID>", "<UserID>")]
    [InlineData("<ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>u</UserID><ExtAttr><Item><Type>0</Type></Item></ExtAttr>", "<Name>")]
    public void Parse_WhenARequiredOrTypedElementIsWrong_NamesTheElement(string children, string expectedInMessage)
    {
        var exception = Assert.Throws<ContactEventParseException>(() => ContactEventParser.Parse($"<xml>{children}</xml>"));

        Assert.Contains(expectedInMessage, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenDocumentIsOversized_Throws()
    {
        var xml = "<xml><ToUserName>" + new string('a', ContactEventParser.MaxXmlChars) + "</ToUserName></xml>";

        var exception = Assert.Throws<ContactEventParseException>(() => ContactEventParser.Parse(xml));

        Assert.Contains("larger than", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenElementsNestDeeperThanTheLimit_ThrowsInsteadOfOverflowingTheStack()
    {
        const int levels = 140_000;
        var name = string.Concat(Enumerable.Repeat("<a>", levels)) + "x" + string.Concat(Enumerable.Repeat("</a>", levels));
        var xml = "<xml><ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event>"
            + "<ChangeType>create_user</ChangeType><UserID>u</UserID><ExtAttr><Item><Name>" + name + "</Name><Type>0</Type></Item></ExtAttr></xml>";

        var exception = Assert.Throws<ContactEventParseException>(() => ContactEventParser.Parse(xml));

        Assert.Equal("Callback XML is nested deeper than 16 levels.", exception.Message);
    }

    [Fact]
    public void Parse_ErrorMessages_DoNotRepeatElementValues()
    {
        const string xml = "<xml><ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>u</UserID><Department>13800000000x</Department></xml>";

        var exception = Assert.Throws<ContactEventParseException>(() => ContactEventParser.Parse(xml));

        Assert.DoesNotContain("13800000000", exception.Message, StringComparison.Ordinal);
    }
}
