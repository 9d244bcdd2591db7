namespace Grid.WeCom.Simulator.Model;

/// <summary>
/// The member fields WeCom treats as sensitive: apps created after 2022-06-20 no longer receive them from the
/// contact APIs and must obtain them through OAuth (<c>auth/getuserdetail</c>), where the admin chooses which of them
/// the app may ask for and the member confirms.
/// </summary>
[Flags]
public enum SensitiveFields
{
    None = 0,
    Gender = 1,
    Avatar = 2,
    QrCode = 4,
    Mobile = 8,
    Email = 16,
    BizMail = 32,
    Address = 64,
    All = Gender | Avatar | QrCode | Mobile | Email | BizMail | Address,
}
