using System.Globalization;
using System.Text;
using Grid.WeCom.Simulator.Generation;
using Grid.WeCom.Simulator.Model;

namespace Grid.Benchmarks.Fixtures;

/// <summary>
/// One realistic member of a generated company (the one with the most fields filled: several departments, leaders,
/// extended attributes) and the update_user change_contact event WeCom would send about it.
/// </summary>
internal static class Samples
{
    private static readonly Lazy<(string CorpId, SimulatedMember Member)> Generated = new(() =>
    {
        var company = CompanyGenerator.Generate(seed: 5, members: 500, departments: 40);
        var member = company.Members.MaxBy(Richness)
            ?? throw new InvalidOperationException("The generated sample company has no members.");
        return (company.CorpId, member);
    });

    public static string CorpId => Generated.Value.CorpId;

    public static SimulatedMember Member => Generated.Value.Member;

    /// <summary>
    /// The update_user event in the layout of WeCom's published sample: names and lists in CDATA, numbers bare, a
    /// userid change, extended attributes.
    /// </summary>
    public static string UpdateUserXml()
    {
        var member = Member;
        var xml = new StringBuilder(2048);
        xml.Append("<xml>\n");
        CData(xml, "ToUserName", CorpId);
        CData(xml, "FromUserName", "sys");
        Bare(xml, "CreateTime", "1777600800");
        CData(xml, "MsgType", "event");
        CData(xml, "Event", "change_contact");
        Bare(xml, "ChangeType", "update_user");
        CData(xml, "UserID", member.UserId);
        CData(xml, "NewUserID", member.UserId + "01");
        CData(xml, "Name", member.Name);
        CData(xml, "Department", string.Join(',', member.Departments));
        Bare(xml, "MainDepartment", member.EffectiveMainDepartment.ToString(CultureInfo.InvariantCulture));
        CData(xml, "IsLeaderInDept", string.Join(',', member.Departments.Select((_, index) => member.IsLeaderAt(index))));
        CData(xml, "DirectLeader", string.Join(',', member.DirectLeaders));
        CData(xml, "Position", member.Position);
        Bare(xml, "Mobile", member.Mobile);
        Bare(xml, "Gender", member.Gender);
        CData(xml, "Email", member.Email);
        CData(xml, "BizMail", member.BizMail);
        Bare(xml, "Status", ((int)member.Status).ToString(CultureInfo.InvariantCulture));
        CData(xml, "Avatar", member.Avatar);
        CData(xml, "Alias", member.Alias);
        CData(xml, "Telephone", member.Telephone);
        CData(xml, "Address", member.Address);
        xml.Append("\t<ExtAttr>\n");
        foreach (var attribute in member.ExtAttrs)
        {
            xml.Append("\t\t<Item>\n");
            CData(xml, "Name", attribute.Name);
            Bare(xml, "Type", attribute.Type.ToString(CultureInfo.InvariantCulture));
            if (attribute.Type == 0)
            {
                xml.Append("\t\t<Text>\n");
                CData(xml, "Value", attribute.Text);
                xml.Append("\t\t</Text>\n");
            }
            else
            {
                xml.Append("\t\t<Web>\n");
                CData(xml, "Title", attribute.Title);
                CData(xml, "Url", attribute.Url);
                xml.Append("\t\t</Web>\n");
            }

            xml.Append("\t\t</Item>\n");
        }

        xml.Append("\t</ExtAttr>\n</xml>");
        return xml.ToString();
    }

    private static int Richness(SimulatedMember member) =>
        (member.Departments.Count * 2) + member.DirectLeaders.Count + (member.ExtAttrs.Count * 2)
        + (member.Alias.Length > 0 ? 1 : 0) + (member.Telephone.Length > 0 ? 1 : 0) + (member.Address.Length > 0 ? 1 : 0);

    private static void CData(StringBuilder xml, string name, string value) =>
        xml.Append('\t').Append('<').Append(name).Append("><![CDATA[").Append(value).Append("]]></").Append(name).Append(">\n");

    private static void Bare(StringBuilder xml, string name, string value) =>
        xml.Append('\t').Append('<').Append(name).Append('>').Append(value).Append("</").Append(name).Append(">\n");
}
