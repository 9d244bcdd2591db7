namespace Grid.WeCom.Simulator.Generation;

/// <summary>Word pools for generated companies: Chinese text with its pinyin or English counterpart.</summary>
internal static class NamePools
{
    public static readonly (string Chinese, string Pinyin)[] Surnames =
    [
        ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"), ("黄", "huang"),
        ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"),
        ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"), ("林", "lin"), ("罗", "luo"), ("郑", "zheng"),
        ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"), ("许", "xu"), ("韩", "han"), ("冯", "feng"),
        ("邓", "deng"), ("曹", "cao"), ("彭", "peng"), ("曾", "zeng"), ("肖", "xiao"), ("田", "tian"), ("董", "dong"),
        ("袁", "yuan"), ("潘", "pan"), ("于", "yu"), ("蒋", "jiang"), ("蔡", "cai"), ("余", "yu"), ("杜", "du"),
        ("叶", "ye"), ("程", "cheng"), ("苏", "su"), ("魏", "wei"), ("吕", "lv"), ("丁", "ding"), ("任", "ren"),
        ("沈", "shen"), ("姚", "yao"), ("卢", "lu"), ("姜", "jiang"), ("崔", "cui"), ("钟", "zhong"), ("谭", "tan"),
        ("陆", "lu"), ("汪", "wang"), ("范", "fan"), ("金", "jin"), ("石", "shi"), ("廖", "liao"), ("贾", "jia"),
        ("夏", "xia"), ("韦", "wei"), ("欧阳", "ouyang"), ("司马", "sima"), ("诸葛", "zhuge"),
    ];

    public static readonly (string Chinese, string Pinyin)[] GivenNames =
    [
        ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"),
        ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("娟", "juan"),
        ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
        ("桂", "gui"), ("英", "ying"), ("华", "hua"), ("建", "jian"), ("文", "wen"), ("玲", "ling"), ("斌", "bin"),
        ("宇", "yu"), ("浩", "hao"), ("凯", "kai"), ("琪", "qi"), ("鹏", "peng"), ("辉", "hui"), ("婷", "ting"),
        ("雪", "xue"), ("琳", "lin"), ("晨", "chen"), ("欣", "xin"), ("怡", "yi"), ("佳", "jia"), ("俊", "jun"),
        ("思", "si"), ("梓", "zi"), ("子", "zi"), ("涵", "han"), ("轩", "xuan"), ("博", "bo"), ("睿", "rui"),
        ("泽", "ze"), ("嘉", "jia"), ("雨", "yu"), ("晓", "xiao"), ("天", "tian"), ("一", "yi"), ("志", "zhi"),
        ("国", "guo"), ("海", "hai"), ("春", "chun"), ("梅", "mei"), ("兰", "lan"), ("红", "hong"), ("云", "yun"),
        ("飞", "fei"), ("龙", "long"), ("翔", "xiang"), ("瑞", "rui"), ("诗", "shi"), ("悦", "yue"), ("昊", "hao"),
        ("然", "ran"), ("帆", "fan"), ("阳", "yang"), ("亮", "liang"), ("波", "bo"), ("宁", "ning"), ("清", "qing"),
    ];

    public static readonly string[] EnglishFirstNames =
    [
        "Emily", "James", "Olivia", "William", "Sophia", "Benjamin", "Mia", "Lucas", "Charlotte", "Henry",
        "Amelia", "Alexander", "Harper", "Daniel", "Evelyn", "Michael", "Abigail", "Ethan", "Ella", "Jack",
        "Grace", "Leo", "Chloe", "David", "Lily", "Ryan", "Zoe", "Kevin", "Nora", "Eric", "Cindy", "Tony",
        "Vivian", "Jason", "Iris", "Frank", "Sandy", "Peter", "Helen", "Victor",
    ];

    public static readonly string[] EnglishLastNames =
    [
        "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clark", "Lewis", "Walker", "Hall", "Young",
        "Zhang", "Wang", "Li", "Chen", "Liu", "Lin", "Huang", "Wong", "Chan", "Lee",
    ];

    public static readonly string[] Positions =
    [
        "后台工程师", "前端工程师", "测试工程师", "运维工程师", "产品经理", "项目经理", "设计师", "数据分析师",
        "算法工程师", "架构师", "技术总监", "销售经理", "客户经理", "市场专员", "人力资源专员", "招聘经理",
        "财务专员", "会计", "法务顾问", "行政助理", "客服专员", "运营经理", "部门总监", "总经理", "实习生",
        "Software Engineer", "Product Manager", "Account Manager", "Designer", "Data Scientist",
    ];

    public static readonly (string Chinese, string English)[] Topics =
    [
        ("广州", "Guangzhou"), ("深圳", "Shenzhen"), ("北京", "Beijing"), ("上海", "Shanghai"), ("成都", "Chengdu"),
        ("杭州", "Hangzhou"), ("武汉", "Wuhan"), ("西安", "Xi'an"), ("南京", "Nanjing"), ("云计算", "Cloud"),
        ("邮箱", "Mail"), ("支付", "Payments"), ("搜索", "Search"), ("广告", "Ads"), ("游戏", "Games"),
        ("安全", "Security"), ("数据", "Data"), ("基础架构", "Infrastructure"), ("移动", "Mobile"), ("前端", "Frontend"),
        ("后台", "Backend"), ("测试", "QA"), ("运维", "Operations"), ("设计", "Design"), ("客服", "Customer Service"),
        ("渠道", "Channel"), ("品牌", "Brand"), ("政企", "Government"), ("华南", "South China"), ("华北", "North China"),
        ("华东", "East China"), ("海外", "Overseas"), ("智能", "AI"), ("语音", "Voice"), ("视频", "Video"),
        ("地图", "Maps"), ("办公", "Office"), ("会议", "Meeting"), ("文档", "Docs"), ("硬件", "Hardware"),
        ("增长", "Growth"), ("平台", "Platform"), ("财经", "Finance Tech"), ("教育", "Education"), ("医疗", "Health"),
    ];

    /// <summary>Department kinds by level below the root: divisions, then departments, then teams.</summary>
    public static readonly (string Chinese, string English)[][] SuffixesByLevel =
    [
        [("事业群", "Business Group"), ("研发中心", "R&D Center"), ("中心", "Center")],
        [("事业部", "Division"), ("部", "Department"), ("产品部", "Product Department"), ("技术部", "Engineering")],
        [("中心", "Center"), ("组", "Team"), ("产品组", "Product Team"), ("开发组", "Development Team")],
        [("组", "Team"), ("小组", "Squad"), ("项目组", "Project Team"), ("虚拟组", "Virtual Team")],
    ];

    public static readonly (string Chinese, string English)[] Functions =
    [
        ("人力资源部", "Human Resources"), ("财务部", "Finance"), ("法务部", "Legal"), ("行政部", "Administration"),
        ("市场部", "Marketing"), ("销售部", "Sales"), ("采购部", "Procurement"), ("公关部", "Public Relations"),
    ];

    public static readonly (string Chinese, string Slug)[] Companies =
    [
        ("星河科技有限公司", "xinghe-tech"), ("云帆网络科技有限公司", "yunfan-net"), ("青松智能科技有限公司", "qingsong-ai"),
        ("远航信息技术有限公司", "yuanhang-it"), ("蓝鲸数据科技有限公司", "lanjing-data"), ("晨光软件有限公司", "chenguang-soft"),
    ];

    public static readonly string[] Cities = ["广州市", "深圳市", "北京市", "上海市", "成都市", "杭州市", "武汉市", "南京市"];

    public static readonly string[] Districts = ["海珠区", "天河区", "南山区", "朝阳区", "浦东新区", "武侯区", "西湖区", "江汉区"];

    public static readonly string[] Roads = ["新港中路", "科技园路", "建国路", "世纪大道", "天府大道", "文三路", "中山路", "解放路"];

    public static readonly string[] AreaCodes = ["020", "0755", "010", "021", "028", "0571", "027", "025"];
}
