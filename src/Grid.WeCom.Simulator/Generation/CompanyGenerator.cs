// Over 400 lines on purpose: one deterministic pipeline over one Random, read top to bottom in the order its draws are made.
using System.Globalization;
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

    /// <summary>
    /// The trusted domain of the generated app unless given: Grid.Host's default HTTP endpoint. The dev launcher sets the
    /// app's domain to Grid's public domain at start; a standalone simulator takes <c>Simulator:TrustedDomain</c>.
    /// </summary>
    public const string DefaultTrustedDomain = "127.0.0.1:5080";

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // Share of departments per level below the root (level 2 = children of the root); the tail reaches 15.
    private static readonly double[] LevelWeights = [0, 0, 0.004, 0.04, 0.18, 0.33, 0.27, 0.1, 0.04, 0.015, 0.008, 0.005, 0.003, 0.002, 0.002, 0.001];

    /// <summary>Generates a company of <paramref name="members"/> members in <paramref name="departments"/> departments (root included).</summary>
    /// <param name="seed">Same seed, same company.</param>
    /// <param name="members">How many members.</param>
    /// <param name="departments">How many departments, the root included.</param>
    /// <param name="trustedDomain">The app's trusted domain (host[:port]); null: <see cref="DefaultTrustedDomain"/>.</param>
    public static SimulatedCompany Generate(int seed, int members, int departments, string? trustedDomain = null)
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
            TrustedDomain = trustedDomain ?? DefaultTrustedDomain,
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
        var userIds = new HashSet<string>(count, StringComparer.OrdinalIgnoreCase);
        var mobiles = new HashSet<long>(count);
        var members = new SimulatedMember[count];
        // The leader flags of each member, filled in once every department's members are known.
        var leads = new int[count][];
        var departmentsOf = new int[count][];
        var byDepartment = new Dictionary<int, List<int>>();
        var candidates = tree.Departments.Count > 1
            ? tree.Departments.Where(d => d.Id != SimulatedCompany.RootDepartmentId).Select(d => d.Id).ToArray()
            : [SimulatedCompany.RootDepartmentId];
        Span<int> picked = stackalloc int[3];
        for (var i = 0; i < count; i++)
        {
            var wanted = random.NextDouble() switch
            {
                < 0.70 => 1,
                < 0.92 => 2,
                _ => 3,
            };
            picked[0] = random.NextDouble() < 0.01 ? SimulatedCompany.RootDepartmentId : candidates[random.Next(candidates.Length)];
            var found = 1;
            for (var tries = 0; found < wanted && tries < 10; tries++)
            {
                var extra = candidates[random.Next(candidates.Length)];
                if (!picked[..found].Contains(extra))
                {
                    picked[found++] = extra;
                }
            }

            var departments = picked[..found].ToArray();
            departmentsOf[i] = departments;
            var orders = new long[found];
            for (var k = 0; k < found; k++)
            {
                orders[k] = random.NextDouble() < 0.8 ? 0 : random.NextInt64(0, 1L << 32);
                if (!byDepartment.TryGetValue(departments[k], out var list))
                {
                    list = [];
                    byDepartment[departments[k]] = list;
                }

                list.Add(i);
            }

            leads[i] = new int[found];
            // The main department is usually the first, sometimes another one.
            var main = departments[found > 1 && random.NextDouble() < 0.2 ? 1 : 0];
            members[i] = NewMember(random, userIds, mobiles, slug) with
            {
                Departments = departments,
                Orders = orders,
                IsLeaderInDept = leads[i],
                MainDepartment = main,
            };
        }

        var leaders = AssignLeaders(random, tree, members, departmentsOf, leads, byDepartment);
        var result = new List<SimulatedMember>(count);
        foreach (var member in members)
        {
            var directLeaders = DirectLeaders(member, tree, leaders);
            result.Add(directLeaders.Length == 0 ? member : member with { DirectLeaders = directLeaders });
        }

        return result;
    }

    private static SimulatedMember NewMember(Random random, HashSet<string> userIds, HashSet<long> mobiles, string slug)
    {
        string name;
        string baseId;
        string gender;
        var alias = "";
        if (random.NextDouble() < 0.12)
        {
            var first = NamePools.EnglishFirstNames[random.Next(NamePools.EnglishFirstNames.Length)];
            var last = NamePools.EnglishLastNames[random.Next(NamePools.EnglishLastNames.Length)];
            name = $"{first} {last}";
            baseId = $"{first}.{last}".ToLowerInvariant();
            gender = random.NextDouble() < 0.5 ? "1" : "2";
        }
        else
        {
            var (surname, surnamePinyin) = NamePools.Surnames[random.Next(NamePools.Surnames.Length)];
            var (given, givenPinyin) = NamePools.GivenNames[random.Next(NamePools.GivenNames.Length)];
            if (random.NextDouble() < 0.6)
            {
                var (given2, given2Pinyin) = NamePools.GivenNames[random.Next(NamePools.GivenNames.Length)];
                name = surname + given + given2;
                baseId = surnamePinyin + givenPinyin + given2Pinyin;
            }
            else
            {
                name = surname + given;
                baseId = surnamePinyin + givenPinyin;
            }

            // A few userids keep capitals, to exercise case-insensitive uniqueness.
            if (random.NextDouble() < 0.03)
            {
                baseId = char.ToUpperInvariant(baseId[0]) + baseId[1..];
            }

            gender = random.NextDouble() switch
            {
                < 0.03 => "0",
                < 0.52 => "1",
                _ => "2",
            };
            if (random.NextDouble() < 0.25)
            {
                alias = NamePools.EnglishFirstNames[random.Next(NamePools.EnglishFirstNames.Length)];
            }
        }

        var userId = baseId;
        for (var n = 2; !userIds.Add(userId); n++)
        {
            userId = baseId + n.ToString(CultureInfo.InvariantCulture);
        }

        long mobile;
        do
        {
            mobile = (13L + random.Next(7)) * 1_000_000_000 + random.NextInt64(0, 1_000_000_000);
        }
        while (!mobiles.Add(mobile));

        var mailbox = userId.ToLowerInvariant();
        var position = NamePools.Positions[random.Next(NamePools.Positions.Length)];
        var avatar = $"https://wework.qpic.cn/wwpic/{random.Next(100_000, 999_999)}_{Text(random, Base62, 12)}/0";
        var qrCode = $"https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=vc{Hex(random, 16)}";
        var status = random.NextDouble() switch
        {
            < 0.03 => MemberStatus.Disabled,
            < 0.08 => MemberStatus.NotActivated,
            _ => MemberStatus.Active,
        };
        var telephone = "";
        if (random.NextDouble() < 0.3)
        {
            telephone = $"{NamePools.AreaCodes[random.Next(NamePools.AreaCodes.Length)]}-{random.Next(10_000_000, 99_999_999)}";
        }

        var address = "";
        if (random.NextDouble() < 0.4)
        {
            var city = random.Next(NamePools.Cities.Length);
            address = $"{NamePools.Cities[city]}{NamePools.Districts[city]}{NamePools.Roads[random.Next(NamePools.Roads.Length)]}{random.Next(1, 999)}号";
        }

        var externalPosition = random.NextDouble() < 0.1 ? position : "";
        SimulatedExtAttr[] extAttrs = [];
        if (random.NextDouble() < 0.2)
        {
            var employeeNumber = new SimulatedExtAttr { Name = "工号", Type = 0, Text = $"E{random.Next(100_000, 999_999)}" };
            extAttrs = random.NextDouble() < 0.25
                ? [employeeNumber, new SimulatedExtAttr { Name = "个人主页", Type = 1, Url = $"https://intranet.{slug}.com/~{mailbox}", Title = name }]
                : [employeeNumber];
        }

        return new SimulatedMember
        {
            UserId = userId,
            Name = name,
            Departments = [],
            Position = position,
            Mobile = mobile.ToString(CultureInfo.InvariantCulture),
            Gender = gender,
            Email = $"{mailbox}@{slug}.com",
            BizMail = $"{mailbox}@{slug}.wecom.work",
            Avatar = avatar,
            Telephone = telephone,
            Alias = alias,
            Address = address,
            QrCode = qrCode,
            ExternalPosition = externalPosition,
            Status = status,
            ExtAttrs = extAttrs,
        };
    }

    private static Dictionary<int, List<string>> AssignLeaders(
        Random random,
        DepartmentTree tree,
        SimulatedMember[] members,
        int[][] departmentsOf,
        int[][] leads,
        Dictionary<int, List<int>> byDepartment)
    {
        var leaders = new Dictionary<int, List<string>>();
        foreach (var department in tree.Departments)
        {
            if (!byDepartment.TryGetValue(department.Id, out var inDepartment) || inDepartment.Count == 0)
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
            for (var k = 0; k < wanted && k < inDepartment.Count; k++)
            {
                var index = inDepartment[random.Next(inDepartment.Count)];
                var member = members[index];
                var position = Array.IndexOf(departmentsOf[index], department.Id);
                if (leads[index][position] == 1 || member.Status != MemberStatus.Active)
                {
                    continue;
                }

                leads[index][position] = 1;
                chosen.Add(member.UserId);
            }

            if (chosen.Count > 0)
            {
                leaders[department.Id] = chosen;
            }
        }

        return leaders;
    }

    /// <summary>The leader of the member's main department, or of the nearest ancestor that has one.</summary>
    private static string[] DirectLeaders(SimulatedMember member, DepartmentTree tree, Dictionary<int, List<string>> leaders)
    {
        for (var department = member.MainDepartment; department != 0; department = tree.ParentOf(department))
        {
            if (leaders.TryGetValue(department, out var candidates))
            {
                var others = candidates.Where(leader => !string.Equals(leader, member.UserId, StringComparison.OrdinalIgnoreCase)).Take(2).ToArray();
                if (others.Length > 0)
                {
                    return others;
                }
            }
        }

        return [];
    }

    private static string Hex(Random random, int length) => Text(random, "0123456789abcdef", length);

    private static string Text(Random random, string alphabet, int length) =>
        string.Create(length, (random, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });

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
}
