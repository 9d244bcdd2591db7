namespace Grid.WeCom.Tests.Events;

/// <summary>The documented change_contact samples (API.md §6.3), with their mixed plain/CDATA text as published.</summary>
internal static class ContactEventSamples
{
    public const string CreateUser = """
        <xml>
        	<ToUserName><![CDATA[toUser]]></ToUserName>
        	<FromUserName><![CDATA[sys]]></FromUserName>
        	<CreateTime>1403610513</CreateTime>
        	<MsgType><![CDATA[event]]></MsgType>
        	<Event><![CDATA[change_contact]]></Event>
        	<ChangeType>create_user</ChangeType>
        	<UserID><![CDATA[zhangsan]]></UserID>
        	<Name><![CDATA[张三]]></Name>
        	<Department><![CDATA[1,2,3]]></Department>
        	<MainDepartment>1</MainDepartment>
        	<IsLeaderInDept><![CDATA[1,0,0]]></IsLeaderInDept>
        	<DirectLeader><![CDATA[lisi,wangwu]]></DirectLeader>
        	<Position><![CDATA[产品经理]]></Position>
        	<Mobile>13800000000</Mobile>
        	<Gender>1</Gender>
        	<Email><![CDATA[zhangsan@gzdev.com]]></Email>
        	<BizMail><![CDATA[zhangsan@qyycs2.wecom.work]]></BizMail>
        	<Status>1</Status>
        	<Avatar><![CDATA[http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0]]></Avatar>
        	<Alias><![CDATA[zhangsan]]></Alias>
        	<Telephone><![CDATA[020-123456]]></Telephone>
        	<Address><![CDATA[广州市]]></Address>
        	<ExtAttr>
        		<Item>
        		<Name><![CDATA[爱好]]></Name>
        		<Type>0</Type>
        		<Text>
        			<Value><![CDATA[旅游]]></Value>
        		</Text>
        		</Item>
        		<Item>
        		<Name><![CDATA[卡号]]></Name>
        		<Type>1</Type>
        		<Web>
        			<Title><![CDATA[企业微信]]></Title>
        			<Url><![CDATA[https://work.weixin.qq.com]]></Url>
        		</Web>
        		</Item>
        	</ExtAttr>
        </xml>
        """;

    public const string UpdateUser = """
        <xml>
        	<ToUserName><![CDATA[toUser]]></ToUserName>
        	<FromUserName><![CDATA[sys]]></FromUserName>
        	<CreateTime>1403610513</CreateTime>
        	<MsgType><![CDATA[event]]></MsgType>
        	<Event><![CDATA[change_contact]]></Event>
        	<ChangeType>update_user</ChangeType>
        	<UserID><![CDATA[zhangsan]]></UserID>
        	<NewUserID><![CDATA[zhangsan001]]></NewUserID>
        	<Name><![CDATA[张三]]></Name>
        	<Department><![CDATA[1,2,3]]></Department>
        	<MainDepartment>1</MainDepartment>
        	<IsLeaderInDept><![CDATA[1,0,0]]></IsLeaderInDept>
        	<Position><![CDATA[产品经理]]></Position>
        	<Mobile>13800000000</Mobile>
        	<Gender>1</Gender>
        	<Email><![CDATA[zhangsan@gzdev.com]]></Email>
        	<Status>1</Status>
        	<Avatar><![CDATA[http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0]]></Avatar>
        	<Alias><![CDATA[zhangsan]]></Alias>
        	<Telephone><![CDATA[020-123456]]></Telephone>
        	<Address><![CDATA[广州市]]></Address>
        	<ExtAttr>
        		<Item>
        		<Name><![CDATA[爱好]]></Name>
        		<Type>0</Type>
        		<Text>
        			<Value><![CDATA[旅游]]></Value>
        		</Text>
        		</Item>
        	</ExtAttr>
        </xml>
        """;

    public const string DeleteUser = """
        <xml>
        	<ToUserName><![CDATA[toUser]]></ToUserName>
        	<FromUserName><![CDATA[sys]]></FromUserName>
        	<CreateTime>1403610513</CreateTime>
        	<MsgType><![CDATA[event]]></MsgType>
        	<Event><![CDATA[change_contact]]></Event>
        	<ChangeType>delete_user</ChangeType>
        	<UserID><![CDATA[zhangsan]]></UserID>
        </xml>
        """;

    public const string CreateParty = """
        <xml>
        	<ToUserName><![CDATA[toUser]]></ToUserName>
        	<FromUserName><![CDATA[sys]]></FromUserName>
        	<CreateTime>1403610513</CreateTime>
        	<MsgType><![CDATA[event]]></MsgType>
        	<Event><![CDATA[change_contact]]></Event>
        	<ChangeType>create_party</ChangeType>
        	<Id>2</Id>
        	<Name><![CDATA[张三]]></Name>
        	<ParentId><![CDATA[1]]></ParentId>
        	<Order>1</Order>
        </xml>
        """;

    public const string UpdateParty = """
        <xml>
        	<ToUserName><![CDATA[toUser]]></ToUserName>
        	<FromUserName><![CDATA[sys]]></FromUserName>
        	<CreateTime>1403610513</CreateTime>
        	<MsgType><![CDATA[event]]></MsgType>
        	<Event><![CDATA[change_contact]]></Event>
        	<ChangeType>update_party</ChangeType>
        	<Id>2</Id>
        	<Name><![CDATA[张三]]></Name>
        	<ParentId><![CDATA[1]]></ParentId>
        </xml>
        """;

    public const string DeleteParty = """
        <xml>
        	<ToUserName><![CDATA[toUser]]></ToUserName>
        	<FromUserName><![CDATA[sys]]></FromUserName>
        	<CreateTime>1403610513</CreateTime>
        	<MsgType><![CDATA[event]]></MsgType>
        	<Event><![CDATA[change_contact]]></Event>
        	<ChangeType>delete_party</ChangeType>
        	<Id>2</Id>
        </xml>
        """;

    public const string UpdateTag = """
        <xml>
        	<ToUserName><![CDATA[toUser]]></ToUserName>
        	<FromUserName><![CDATA[sys]]></FromUserName>
        	<CreateTime>1403610513</CreateTime>
        	<MsgType><![CDATA[event]]></MsgType>
        	<Event><![CDATA[change_contact]]></Event>
        	<ChangeType><![CDATA[update_tag]]></ChangeType>
        	<TagId>1</TagId>
        	<AddUserItems><![CDATA[zhangsan,lisi]]></AddUserItems>
        	<DelUserItems><![CDATA[zhangsan1,lisi1]]></DelUserItems>
        	<AddPartyItems><![CDATA[1,2]]></AddPartyItems>
        	<DelPartyItems><![CDATA[3,4]]></DelPartyItems>
        </xml>
        """;
}
