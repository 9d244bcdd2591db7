using System.Globalization;
using System.Text;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Callbacks;

/// <summary>
/// Renders change_contact events exactly in the layout of WeCom's samples (API.md §6.3), including their mixed use
/// of CDATA (ChangeType, Mobile, Gender, Status, Id and Order are bare; names and lists are CDATA).
/// </summary>
internal static class ContactEventXml
{
    public static string Render(string corpId, long createTime, ContactEvent contactEvent)
    {
        var xml = new StringBuilder(1024);
        xml.Append("<xml>\n");
        CData(xml, "ToUserName", corpId);
        CData(xml, "FromUserName", "sys");
        Bare(xml, "CreateTime", createTime.ToString(CultureInfo.InvariantCulture));
        CData(xml, "MsgType", "event");
        CData(xml, "Event", "change_contact");
        Bare(xml, "ChangeType", contactEvent.ChangeType);
        switch (contactEvent)
        {
            case UserContactEvent user:
                RenderUser(xml, user);
                break;
            case PartyContactEvent party:
                RenderParty(xml, party);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(contactEvent), contactEvent.GetType().Name, "Unknown contact event.");
        }

        xml.Append("</xml>");
        return xml.ToString();
    }

    private static void RenderUser(StringBuilder xml, UserContactEvent user)
    {
        CData(xml, "UserID", user.UserId);
        if (user.View is not { } view)
        {
            return;
        }

        if (user.NewUserId is not null)
        {
            CData(xml, "NewUserID", user.NewUserId);
        }

        var member = view.Member;
        var hide = view.HideSensitive;
        CData(xml, "Name", member.Name);
        CData(xml, "Department", string.Join(',', view.Departments));
        if (view.MainDepartment is { } main)
        {
            Bare(xml, "MainDepartment", main.ToString(CultureInfo.InvariantCulture));
        }

        CData(xml, "IsLeaderInDept", string.Join(',', view.IsLeaderInDept));
        if (user.ChangeType == "create_user" || view.DirectLeaders.Count > 0)
        {
            CData(xml, "DirectLeader", string.Join(',', view.DirectLeaders));
        }

        CData(xml, "Position", member.Position);
        if (!hide)
        {
            Bare(xml, "Mobile", member.Mobile);
        }

        Bare(xml, "Gender", hide ? "0" : member.Gender);
        if (!hide)
        {
            CData(xml, "Email", member.Email);
            CData(xml, "BizMail", member.BizMail);
        }

        Bare(xml, "Status", ((int)member.Status).ToString(CultureInfo.InvariantCulture));
        if (!hide)
        {
            CData(xml, "Avatar", member.Avatar);
        }

        CData(xml, "Alias", member.Alias);
        CData(xml, "Telephone", member.Telephone);
        if (!hide)
        {
            CData(xml, "Address", member.Address);
        }

        if (member.ExtAttrs.Count > 0)
        {
            xml.Append("\t<ExtAttr>\n");
            foreach (var attr in member.ExtAttrs)
            {
                xml.Append("\t\t<Item>\n\t\t");
                CData(xml, "Name", attr.Name);
                xml.Append("\t\t");
                Bare(xml, "Type", attr.Type.ToString(CultureInfo.InvariantCulture));
                if (attr.Type == 1)
                {
                    xml.Append("\t\t<Web>\n\t\t\t");
                    CData(xml, "Title", attr.Title);
                    xml.Append("\t\t\t");
                    CData(xml, "Url", attr.Url);
                    xml.Append("\t\t</Web>\n");
                }
                else
                {
                    xml.Append("\t\t<Text>\n\t\t\t");
                    CData(xml, "Value", attr.Text);
                    xml.Append("\t\t</Text>\n");
                }

                xml.Append("\t\t</Item>\n");
            }

            xml.Append("\t</ExtAttr>\n");
        }
    }

    private static void RenderParty(StringBuilder xml, PartyContactEvent party)
    {
        var department = party.Department;
        Bare(xml, "Id", department.Id.ToString(CultureInfo.InvariantCulture));
        if (party.ChangeType == "delete_party")
        {
            return;
        }

        CData(xml, "Name", department.Name);
        CData(xml, "ParentId", department.ParentId.ToString(CultureInfo.InvariantCulture));
        if (party.ChangeType == "create_party")
        {
            Bare(xml, "Order", department.Order.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void CData(StringBuilder xml, string name, string value)
    {
        // "]]>" cannot appear inside one CDATA section: split it across two.
        xml.Append('\t').Append('<').Append(name).Append("><![CDATA[")
            .Append(value.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal))
            .Append("]]></").Append(name).Append(">\n");
    }

    private static void Bare(StringBuilder xml, string name, string value)
    {
        xml.Append('\t').Append('<').Append(name).Append('>')
            .Append(System.Security.SecurityElement.Escape(value))
            .Append("</").Append(name).Append(">\n");
    }
}
