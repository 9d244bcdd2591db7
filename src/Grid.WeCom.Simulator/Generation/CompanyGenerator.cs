using System.Globalization;
using System.Text;
using Grid.WeCom.Simulator.Model;

namespace Grid.WeCom.Simulator.Generation;

/// <summary>
/// Generates realistic simulated companies, deterministically: the same seed and sizes give the same company.
/// Departments: Chinese and English names, typically 3-6 levels deep (never deeper than 15), divisions then
/// departments then teams. Members: in 1-3 departments with a main department, Chinese or English names with
/// pinyin-style userids (unique case-insensitively), positions, unique mobiles, emails, some disabled or not yet
/// activated, department leaders and direct leaders. One app (agent 1000002) sees the whole company.
/// </summary>
public static class CompanyGenerator
{
    /// <summary>The agent id of the generated app.</summary>
    public const int DefaultAgentId = 1000002;

    /// <summary>The trusted domain of the generated app: Grid.Host's default HTTP endpoint.</summary>
    public const string DefaultTrustedDomain = "127.0.0.1:5080";

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // Share of departments per level below the root (level 2 = children of the root); the tail reaches 15.
    private static readonly double[] LevelWeights = [0, 0, 0.004, 0.04, 0.18, 0.33, 0.27, 0.1, 0.04, 0.015, 0.008, 0.005, 0.003, 0.002, 0.002, 0.001];

    /// <summary>Generates a company of <paramref name="members"/> members in <paramref name="departments"/> departments (root included).</summary>
    public static SimulatedCompany Generate(int seed, int members, int departments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(members);
        ArgumentOutOfRangeException.ThrowIfLessThan(departments, 1);
        var random = new Random(seed);
        var (companyName, slug) = NamePools.Companies[random.Next(NamePools.Companies.Length)];
        var corpId = "ww" + Hex(random, 16);
        var tree = GenerateDepartments(random, companyName, departments);
        var people = GenerateMembers(random, tree, members, slug);
        var app = new SimulatedApp
        {
            AgentId = DefaultAgentId,
            Name = "Grid 统一身份",
            Secret = Text(random, Base62, 43),
            CreatedAt = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8)),
            VisibleDepartments = [SimulatedCompany.RootDepartmentId],
            TrustedDomain = DefaultTrustedDomain,
            AllowedSensitiveFields = SensitiveFields.All,
        };
        return new SimulatedCompany(corpId, companyName, tree.Departments, people, [app]);
    }

    private static DepartmentTree GenerateDepartments(Random random, string companyName, int count)
    {
        var tree = new DepartmentTree();
        tree.Add(new SimulatedDepartment { Id = SimulatedCompany.RootDepartmentId, Name = companyName, NameEn = "", ParentId = 0, Order = 100_000_000 }, 1);
        // A small company still gets a few top-level divisions before anything deeper.
        var topLevel = Math.Min(count - 1, Math.Clamp(count / 300, 4, 14));
        for (var id = 2; id <= count; id++)
        {
            var level = id - 2 < topLevel ? 2 : SampleLevel(random);
            while (level > 2 && tree.ByLevel[level - 1].Count == 0)
            {
                level--;
            }

            var parents = tree.ByLevel[level - 1];
            var parent = parents[random.Next(parents.Count)];
            var (name, nameEn) = DepartmentName(random, tree, parent, level);
            tree.Add(
                new SimulatedDepartment
                {
                    Id = id,
                    Name = name,
                    NameEn = nameEn,
                    ParentId = parent,
                    Order = random.NextInt64(0, 1L << 32),
                },
                level);
        }

        return tree;
    }

    private static int SampleLevel(Random random)
    {
        var x = random.NextDouble() * LevelWeights.Sum();
        for (var level = 2; level < LevelWeights.Length; level++)
        {
            x -= LevelWeights[level];
            if (x <= 0)
            {
                return level;
            }
        }

        return LevelWeights.Length - 1;
    }

    private static (string Name, string NameEn) DepartmentName(Random random, DepartmentTree tree, int parent, int level)
    {
        string name;
        string nameEn;
        if (level == 2 && random.NextDouble() < 0.35)
        {
            (name, nameEn) = NamePools.Functions[random.Next(NamePools.Functions.Length)];
        }
        else
        {
            var (topic, topicEn) = NamePools.Topics[random.Next(NamePools.Topics.Length)];
            var suffixes = NamePools.SuffixesByLevel[Math.Min(level - 2, NamePools.SuffixesByLevel.Length - 1)];
            var (suffix, suffixEn) = suffixes[random.Next(suffixes.Length)];
            name = topic + suffix;
            nameEn = topicEn + " " + suffixEn;
        }

        // Some teams carry only an English name, as international teams often do.
        if (level >= 4 && random.NextDouble() < 0.05)
        {
            name = nameEn;
        }

        // Leaves room for a sibling number within WeCom's 32-character limit.
        name = name.Length <= 28 ? name : name[..28].TrimEnd();
        var siblings = tree.ChildNames(parent);
        var unique = name;
        var uniqueEn = nameEn;
        for (var n = 2; !siblings.Add(unique); n++)
        {
            unique = $"{name}{n.ToString(CultureInfo.InvariantCulture)}";
            uniqueEn = $"{nameEn} {n.ToString(CultureInfo.InvariantCulture)}";
        }

        return (unique, uniqueEn);
    }

    private static List<SimulatedMember> GenerateMembers(Random random, DepartmentTree tree, int count, string slug)
    {
        var userIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var mobiles = new HashSet<long>();
        var drafts = new MemberDraft[count];
        var byDepartment = new Dictionary<int, List<int>>();
        var candidates = tree.Departments.Count > 1
            ? tree.Departments.Where(d => d.Id != SimulatedCompany.RootDepartmentId).Select(d => d.Id).ToArray()
            : [SimulatedCompany.RootDepartmentId];
        for (var i = 0; i < count; i++)
        {
            var draft = NewDraft(random, userIds, mobiles, slug);
            var departmentCount = random.NextDouble() switch
            {
                < 0.70 => 1,
                < 0.92 => 2,
                _ => 3,
            };
            draft.Departments.Add(random.NextDouble() < 0.01 ? SimulatedCompany.RootDepartmentId : candidates[random.Next(candidates.Length)]);
            for (var tries = 0; draft.Departments.Count < departmentCount && tries < 10; tries++)
            {
                var extra = candidates[random.Next(candidates.Length)];
                if (!draft.Departments.Contains(extra))
                {
                    draft.Departments.Add(extra);
                }
            }

            foreach (var department in draft.Departments)
            {
                draft.Orders.Add(random.NextDouble() < 0.8 ? 0 : random.NextInt64(0, 1L << 32));
                draft.Leads.Add(0);
                if (!byDepartment.TryGetValue(department, out var list))
                {
                    list = [];
                    byDepartment[department] = list;
                }

                list.Add(i);
            }

            // The main department is usually the first, sometimes another one.
            draft.MainDepartment = draft.Departments[draft.Departments.Count > 1 && random.NextDouble() < 0.2 ? 1 : 0];
            drafts[i] = draft;
        }

        var leaders = AssignLeaders(random, tree, drafts, byDepartment);
        foreach (var draft in drafts)
        {
            draft.DirectLeaders = DirectLeaders(draft, tree, leaders);
        }

        return [.. drafts.Select(draft => draft.ToMember())];
    }

    private static MemberDraft NewDraft(Random random, HashSet<string> userIds, HashSet<long> mobiles, string slug)
    {
        var draft = new MemberDraft();
        string baseId;
        if (random.NextDouble() < 0.12)
        {
            var first = NamePools.EnglishFirstNames[random.Next(NamePools.EnglishFirstNames.Length)];
            var last = NamePools.EnglishLastNames[random.Next(NamePools.EnglishLastNames.Length)];
            draft.Name = $"{first} {last}";
            baseId = $"{first}.{last}".ToLowerInvariant();
            draft.Gender = random.NextDouble() < 0.5 ? "1" : "2";
        }
        else
        {
            var (surname, surnamePinyin) = NamePools.Surnames[random.Next(NamePools.Surnames.Length)];
            var (given, givenPinyin) = NamePools.GivenNames[random.Next(NamePools.GivenNames.Length)];
            var name = surname + given;
            var pinyin = surnamePinyin + givenPinyin;
            if (random.NextDouble() < 0.6)
            {
                var (given2, given2Pinyin) = NamePools.GivenNames[random.Next(NamePools.GivenNames.Length)];
                name += given2;
                pinyin += given2Pinyin;
            }

            draft.Name = name;
            // A few userids keep capitals, to exercise case-insensitive uniqueness.
            baseId = random.NextDouble() < 0.03 ? char.ToUpperInvariant(pinyin[0]) + pinyin[1..] : pinyin;
            draft.Gender = random.NextDouble() switch
            {
                < 0.03 => "0",
                < 0.52 => "1",
                _ => "2",
            };
            if (random.NextDouble() < 0.25)
            {
                draft.Alias = NamePools.EnglishFirstNames[random.Next(NamePools.EnglishFirstNames.Length)];
            }
        }

        var userId = baseId;
        for (var n = 2; !userIds.Add(userId); n++)
        {
            userId = baseId + n.ToString(CultureInfo.InvariantCulture);
        }

        draft.UserId = userId;
        long mobile;
        do
        {
            mobile = (13L + random.Next(7)) * 1_000_000_000 + random.NextInt64(0, 1_000_000_000);
        }
        while (!mobiles.Add(mobile));

        draft.Mobile = mobile.ToString(CultureInfo.InvariantCulture);
        var mailbox = userId.ToLowerInvariant();
        draft.Email = $"{mailbox}@{slug}.com";
        draft.BizMail = $"{mailbox}@{slug}.wecom.work";
        draft.Position = NamePools.Positions[random.Next(NamePools.Positions.Length)];
        draft.Avatar = $"https://wework.qpic.cn/wwpic/{random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture)}_{Text(random, Base62, 12)}/0";
        draft.QrCode = $"https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=vc{Hex(random, 16)}";
        draft.Status = random.NextDouble() switch
        {
            < 0.03 => MemberStatus.Disabled,
            < 0.08 => MemberStatus.NotActivated,
            _ => MemberStatus.Active,
        };
        if (random.NextDouble() < 0.3)
        {
            var area = random.Next(NamePools.AreaCodes.Length);
            draft.Telephone = $"{NamePools.AreaCodes[area]}-{random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture)}";
        }

        if (random.NextDouble() < 0.4)
        {
            var city = random.Next(NamePools.Cities.Length);
            draft.Address = $"{NamePools.Cities[city]}{NamePools.Districts[city]}{NamePools.Roads[random.Next(NamePools.Roads.Length)]}{random.Next(1, 999).ToString(CultureInfo.InvariantCulture)}号";
        }

        if (random.NextDouble() < 0.1)
        {
            draft.ExternalPosition = draft.Position;
        }

        if (random.NextDouble() < 0.2)
        {
            draft.ExtAttrs.Add(new SimulatedExtAttr { Name = "工号", Type = 0, Text = "E" + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) });
            if (random.NextDouble() < 0.25)
            {
                draft.ExtAttrs.Add(new SimulatedExtAttr { Name = "个人主页", Type = 1, Url = $"https://intranet.{slug}.com/~{mailbox}", Title = draft.Name });
            }
        }

        return draft;
    }

    private static Dictionary<int, List<string>> AssignLeaders(Random random, DepartmentTree tree, MemberDraft[] drafts, Dictionary<int, List<int>> byDepartment)
    {
        var leaders = new Dictionary<int, List<string>>();
        foreach (var department in tree.Departments)
        {
            if (!byDepartment.TryGetValue(department.Id, out var members) || members.Count == 0)
            {
                continue;
            }

            var wanted = random.NextDouble() switch
            {
                < 0.2 => 0,
                < 0.9 => 1,
                _ => 2,
            };
            var chosen = new List<string>();
            for (var k = 0; k < wanted && k < members.Count; k++)
            {
                var draft = drafts[members[random.Next(members.Count)]];
                var index = draft.Departments.IndexOf(department.Id);
                if (draft.Leads[index] == 1 || draft.Status != MemberStatus.Active)
                {
                    continue;
                }

                draft.Leads[index] = 1;
                chosen.Add(draft.UserId);
            }

            if (chosen.Count > 0)
            {
                leaders[department.Id] = chosen;
            }
        }

        return leaders;
    }

    /// <summary>The leader of the member's main department, or of the nearest ancestor that has one.</summary>
    private static List<string> DirectLeaders(MemberDraft draft, DepartmentTree tree, Dictionary<int, List<string>> leaders)
    {
        for (var department = draft.MainDepartment; department != 0; department = tree.ParentOf(department))
        {
            if (leaders.TryGetValue(department, out var candidates))
            {
                var others = candidates.Where(leader => !string.Equals(leader, draft.UserId, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
                if (others.Count > 0)
                {
                    return others;
                }
            }
        }

        return [];
    }

    private static string Hex(Random random, int length) => Text(random, "0123456789abcdef", length);

    private static string Text(Random random, string alphabet, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private sealed class DepartmentTree
    {
        private readonly Dictionary<int, int> _parents = [];
        private readonly Dictionary<int, HashSet<string>> _childNames = [];

        public List<SimulatedDepartment> Departments { get; } = [];

        public List<int>[] ByLevel { get; } = [.. Enumerable.Range(0, SimulatedCompany.MaxDepth + 1).Select(_ => new List<int>())];

        public void Add(SimulatedDepartment department, int level)
        {
            Departments.Add(department);
            ByLevel[level].Add(department.Id);
            _parents[department.Id] = department.ParentId;
        }

        public int ParentOf(int id) => _parents.GetValueOrDefault(id);

        public HashSet<string> ChildNames(int parent)
        {
            if (!_childNames.TryGetValue(parent, out var names))
            {
                names = new HashSet<string>(StringComparer.Ordinal);
                _childNames[parent] = names;
            }

            return names;
        }
    }

    private sealed class MemberDraft
    {
        public string UserId { get; set; } = "";

        public string Name { get; set; } = "";

        public List<int> Departments { get; } = [];

        public List<long> Orders { get; } = [];

        public List<int> Leads { get; } = [];

        public int MainDepartment { get; set; }

        public List<string> DirectLeaders { get; set; } = [];

        public string Position { get; set; } = "";

        public string Mobile { get; set; } = "";

        public string Gender { get; set; } = "0";

        public string Email { get; set; } = "";

        public string BizMail { get; set; } = "";

        public string Avatar { get; set; } = "";

        public string Telephone { get; set; } = "";

        public string Alias { get; set; } = "";

        public string Address { get; set; } = "";

        public string QrCode { get; set; } = "";

        public string ExternalPosition { get; set; } = "";

        public MemberStatus Status { get; set; }

        public List<SimulatedExtAttr> ExtAttrs { get; } = [];

        public SimulatedMember ToMember() => new()
        {
            UserId = UserId,
            Name = Name,
            Departments = [.. Departments],
            Orders = [.. Orders],
            IsLeaderInDept = [.. Leads],
            MainDepartment = MainDepartment,
            DirectLeaders = [.. DirectLeaders],
            Position = Position,
            Mobile = Mobile,
            Gender = Gender,
            Email = Email,
            BizMail = BizMail,
            Avatar = Avatar,
            Telephone = Telephone,
            Alias = Alias,
            Address = Address,
            QrCode = QrCode,
            ExternalPosition = ExternalPosition,
            Status = Status,
            ExtAttrs = [.. ExtAttrs],
        };
    }
}
