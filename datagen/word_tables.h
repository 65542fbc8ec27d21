// Word and syllable tables for realistic Chinese names, company names,
// addresses, business scopes and e-mail addresses. Frequencies are rough;
// what matters is variety and the shapes legacy systems hold.
//
//   std::string name = rng.Pick(kSurnames);
//   name += rng.Pick(kGivenNameChars);
#ifndef SHUYUAN_DATAGEN_WORD_TABLES_H_
#define SHUYUAN_DATAGEN_WORD_TABLES_H_

namespace shuyuan::datagen {

inline constexpr const char* kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵",   "吴",   "周",   "徐",
    "孙", "马", "朱", "胡", "郭", "何", "高", "林",   "罗",   "郑",   "梁",
    "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",   "彭",   "曾",   "肖",
    "田", "董", "袁", "潘", "于", "蒋", "蔡", "余",   "杜",   "叶",   "程",
    "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢",   "姜",   "崔",   "钟",
    "谭", "陆", "汪", "范", "金", "石", "廖", "贾",   "夏",   "韦",   "付",
    "方", "白", "邹", "孟", "熊", "秦", "邱", "江",   "尹",   "薛",   "闫",
    "段", "雷", "侯", "龙", "史", "陶", "黎", "欧阳", "司马", "诸葛", "上官"};

inline constexpr const char* kGivenNameChars[] = {
    "伟", "芳", "娜", "秀", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
    "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂", "英", "华",
    "文", "辉", "玲", "建", "国", "红", "志", "海", "燕", "鹏", "飞", "浩",
    "宇", "晨", "欣", "怡", "佳", "子", "涵", "梓", "轩", "俊", "博", "雨",
    "婷", "琳", "慧", "宁", "思", "嘉", "睿", "泽", "晓", "新", "春", "秋",
    "云", "峰", "林", "波", "斌", "凯", "琪", "瑶", "悦", "诗", "萱", "然",
    "一", "昊", "天", "铭", "毅", "岚", "蕾", "薇", "健", "德", "荣", "兰"};

// Minority names written with an interpunct: 买买提·艾力.
inline constexpr const char* kMinorityGivenNames[] = {
    "买买提", "阿不都", "艾力", "热依拉", "古丽", "努尔",   "阿依",   "吐尔逊",
    "扎西",   "次仁",   "卓玛", "尼玛",   "格桑", "巴特尔", "其其格", "阿迪力"};

// Foreign holders of permanent residence ID cards, in Chinese transcription.
inline constexpr const char* kForeignGivenNames[] = {
    "约翰", "玛丽", "大卫", "安娜", "彼得", "汉斯", "让",
    "索菲", "健太", "美咲", "敏浩", "秀妍", "伊万", "奥尔加"};
inline constexpr const char* kForeignFamilyNames[] = {
    "史密斯", "约翰逊", "布朗", "穆勒", "施密特",   "马丁",     "伯纳德",
    "田中",   "佐藤",   "金",   "朴",   "伊万诺夫", "彼得罗夫", "威尔逊"};

// Characters of trade names (字号): 数元, 恒达, 华信 ...
inline constexpr const char* kTradeNameChars[] = {
    "数", "元", "恒", "达", "华", "信", "盛", "泰", "鑫", "源", "瑞", "祥",
    "宏", "远", "新", "创", "天", "合", "嘉", "诚", "联", "众", "博", "金",
    "宇", "晨", "光", "明", "通", "汇", "佳", "安", "康", "正", "和", "兴",
    "隆", "丰", "海", "润", "泽", "优", "品", "智", "云", "科", "力", "德",
    "方", "圆", "启", "航", "领", "先", "卓", "越", "腾", "飞"};

// An industry: its GB/T 4754 section, the word it puts in company names and
// a phrase of business scope.
struct Industry {
  const char* section;  // A–T
  const char* name_word;
  const char* scope;
};
inline constexpr Industry kIndustries[] = {
    {"I", "科技",
     "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信"
     "息系统集成服务"},
    {"I", "信息技术",
     "信息技术咨询服务；数据处理和存储支持服务；计算机系统服务"},
    {"F", "贸易", "日用百货销售；五金产品批发；电子产品销售；货物进出口"},
    {"F", "商贸", "食品销售（仅销售预包装食品）；服装服饰零售；化妆品零售"},
    {"C", "机械制造", "通用设备制造（不含特种设备制造）；机械零件、零部件加工"},
    {"C", "电子", "电子元器件制造；电子专用材料研发；光电子器件销售"},
    {"C", "服饰", "服装制造；服饰制造；针纺织品及原料销售"},
    {"E", "建设工程", "建设工程施工；住宅室内装饰装修；园林绿化工程施工"},
    {"G", "物流",
     "普通货物仓储服务；国内货物运输代理；道路货物运输（不含危险货物）"},
    {"H", "餐饮管理", "餐饮服务；餐饮管理；食品经营"},
    {"K", "房地产开发", "房地产开发经营；物业管理；非居住房地产租赁"},
    {"L", "企业管理咨询",
     "企业管理咨询；信息咨询服务；市场营销策划；会议及展览服务"},
    {"M", "检测技术", "检验检测服务；工程和技术研究和试验发展；标准化服务"},
    {"A", "农业开发", "谷物种植；蔬菜种植；水果种植；农产品的生产、销售、加工"},
    {"P", "教育科技", "教育咨询服务（不含涉许可审批的教育培训活动）；体育培训"},
    {"R", "文化传媒", "组织文化艺术交流活动；广告设计、代理；广告制作"},
    {"Q", "医疗科技", "医学研究和试验发展；第一类医疗器械销售；健康咨询服务"},
    {"N", "环保科技", "环境保护专用设备销售；水污染治理；固体废物治理"},
    {"O", "家政服务", "家政服务；洗染服务；日用电器修理"},
    {"J", "投资", "以自有资金从事投资活动；融资咨询服务"},
};

// Legal forms of enterprises.
inline constexpr const char* kCompanyForms[] = {
    "有限公司",     "有限公司",       "有限公司",    "有限责任公司",
    "股份有限公司", "有限公司分公司", "集团有限公司"};

// Words of street names; a street is two of them and a suffix.
inline constexpr const char* kStreetWords[] = {
    "文", "三", "学", "院", "人", "民", "解", "放", "中", "山", "建", "设",
    "和", "平", "新", "华", "长", "江", "黄", "河", "东", "西", "南", "北",
    "湖", "滨", "延", "安", "凤", "起", "庆", "春", "体", "育", "场", "天",
    "目", "莫", "干", "古", "墩", "江", "晖", "秋", "涛", "望", "江", "环"};
inline constexpr const char* kStreetSuffixes[] = {"路",   "路", "路",  "街",
                                                  "大道", "巷", "大街"};
inline constexpr const char* kBuildingSuffixes[] = {
    "", "", "", "", "1幢", "2幢301室", "A座1203室", "3号楼", "5层", "B区"};

// Pinyin syllables for e-mail local parts.
inline constexpr const char* kPinyin[] = {
    "wang", "li",   "zhang", "liu",  "chen", "yang", "huang", "zhao",  "wu",
    "zhou", "xu",   "sun",   "ma",   "zhu",  "hu",   "guo",   "he",    "gao",
    "lin",  "luo",  "wei",   "fang", "na",   "min",  "jing",  "qiang", "lei",
    "jun",  "yong", "jie",   "tao",  "ming", "chao", "xia",   "ping",  "gang",
    "hua",  "wen",  "hui",   "ling", "jian", "guo",  "hong",  "zhi",   "hai",
    "yan",  "peng", "fei",   "hao",  "yu"};
inline constexpr const char* kMailDomains[] = {
    "163.com",   "126.com",     "qq.com",     "sina.com",
    "gmail.com", "foxmail.com", "aliyun.com", "outlook.com"};

// Long-distance area codes (with their 0), by province prefix of the
// division: a landline is written with the code of its place.
struct AreaCode {
  const char* province;  // first two digits of the division code
  const char* code;
};
inline constexpr AreaCode kAreaCodes[] = {
    {"11", "010"},  {"12", "022"},  {"13", "0311"}, {"14", "0351"},
    {"15", "0471"}, {"21", "024"},  {"22", "0431"}, {"23", "0451"},
    {"31", "021"},  {"32", "025"},  {"33", "0571"}, {"34", "0551"},
    {"35", "0591"}, {"36", "0791"}, {"37", "0531"}, {"41", "0371"},
    {"42", "027"},  {"43", "0731"}, {"44", "020"},  {"45", "0771"},
    {"46", "0898"}, {"50", "023"},  {"51", "028"},  {"52", "0851"},
    {"53", "0871"}, {"54", "0891"}, {"61", "029"},  {"62", "0931"},
    {"63", "0971"}, {"64", "0951"}, {"65", "0991"}};

// The first two digits of postal codes, by province prefix.
struct PostalPrefix {
  const char* province;
  const char* prefix;
};
inline constexpr PostalPrefix kPostalPrefixes[] = {
    {"11", "10"}, {"12", "30"}, {"13", "05"}, {"14", "03"}, {"15", "01"},
    {"21", "11"}, {"22", "13"}, {"23", "15"}, {"31", "20"}, {"32", "21"},
    {"33", "31"}, {"34", "23"}, {"35", "35"}, {"36", "33"}, {"37", "25"},
    {"41", "45"}, {"42", "43"}, {"43", "41"}, {"44", "51"}, {"45", "53"},
    {"46", "57"}, {"50", "40"}, {"51", "61"}, {"52", "55"}, {"53", "65"},
    {"54", "85"}, {"61", "71"}, {"62", "73"}, {"63", "81"}, {"64", "75"},
    {"65", "83"}};

// Mobile number prefixes.
inline constexpr const char* kMobilePrefixes[] = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "147",
    "150", "151", "152", "155", "157", "158", "159", "166", "173", "177",
    "180", "181", "182", "185", "186", "187", "188", "189", "191", "199"};

// Issuing bank prefixes (BIN) of Chinese bank cards.
inline constexpr const char* kBankPrefixes[] = {
    "622848", "622202", "621700", "622588", "621483",
    "622262", "621226", "623668", "622908", "621799"};

}  // namespace shuyuan::datagen

#endif  // SHUYUAN_DATAGEN_WORD_TABLES_H_
