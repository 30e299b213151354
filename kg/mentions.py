"""Mention finding: persons, organizations, places, posts and event phrases in one cleaned sentence."""

from __future__ import annotations

import bisect
import functools
import operator
import re
from dataclasses import dataclass, replace

from kg.gazetteer import LEVEL_CHARACTERS as _LEVELS, load_gazetteer
from kg.lexicon import load_lexicon
from kg.names import load_name_model
from kg.records import Mention
from kg.segment import Token, get_segmenter

__all__ = ["MentionFinder", "find_mentions", "split_name_run"]

_CJK = re.compile(r"[\u3400-\u9fff]")
_ALL_CJK = re.compile(r"^[\u3400-\u9fff]+$")
_WORDISH = re.compile(r"^[\u3400-\u9fffA-Za-z0-9]+$")

# Characters that open the word after a clause's subject, a person's (某某在…, 某某和…, 某某也…):
# not 的 (敬爱的, 公正的 open a clause too), nor 来, 到 (南国春来早, 莫若到…)
_AFTER_SUBJECT = frozenset("在和与对将也还又已曾把让从向被就都并同为说称去")
# what closes a clause or opens a quotation, before a name that opens the next
_CLAUSE_BREAK = re.compile(r"[，。；！？：,;!?“”\"「」]")
# the name statistics' least score for a name with nothing but its place in the clause to tell it
# by the given name's length (two- and three-character names score about 1.1 and 1.6; 巴方, the Palestinian side,
# 0.61, 周中, midweek, 0.57 and 都喜欢 below zero are words)
_OPENING_NAME_SCORE = {1: 1.0, 2: 0.6}
# what jieba calls a transliterated name it keeps whole: a name, a place, a proper noun
# (not a common noun: 主力|坦克)
_TRANSLIT_RUN_TAGS = frozenset(("nr", "nrt", "nrfg", "ns", "nz", "oov"))
# Characters that begin the word after a name far more often than they end a given name
# (孙建平主持, 马骏作部署); a third character here makes a two-character name.
_AFTER_NAME = set("主参出表强指介要在对说等和与同及为是的了就将也都又还向从到以把被让给作做带率陪代来去讲提听先后并任兼任已曾称认摄")
# Words that follow a person in news prose; a name candidate before them is a person.
# (_PERSON_VERBS_LONG, below: those of two characters or more, where 作, 说, 称 may be a word's first)
_PERSON_VERBS = (
    "表示", "指出", "强调", "要求", "介绍", "主持", "说", "认为", "告诉", "称", "参加", "出席", "讲话", "提出",
    "希望", "代表", "带领", "陪同", "调研", "看望", "慰问", "听取", "察看", "详细", "一行", "同志", "先生",
    "女士", "书记", "主任", "部长", "教授", "老人", "表态", "回答", "作", "发表", "宣布", "会见", "会谈",
)
_PERSON_VERBS_LONG = tuple(v for v in _PERSON_VERBS if len(v) >= 2)
# what follows a name said of a person or closing a listing of persons (某某|表示, 某某|等)
_PERSON_VERBS_OR_LIST = _PERSON_VERBS + ("等",)
# a term written inside a body's name (某市第十届人民代表大会) and the session after it
_TERM_IN_NAME = re.compile(r".第[一二三四五六七八九十百]+届")
_SESSION_AFTER = re.compile(r"(?:第[一二三四五六七八九十百]+次)?(?:全体)?会议")
# verbs that make a clause of a place and a body (某市召开|某委员会会议, 某国支持|某组织), never
# words of a body's name
_CLAUSE_VERBS = frozenset(("召开", "举行", "举办", "主持", "参加", "出席", "成立", "组建", "支持", "批准", "同意",
                           "要求", "希望", "决定", "通过", "建立", "设立", "派出", "邀请", "加入", "退出", "承认",
                           "谴责", "指责", "欢迎", "访问", "会见", "接见", "领导", "协助", "委托", "任命", "表示",
                           "认为", "宣布", "发表", "提出", "签署", "授予", "获得", "成为", "担任", "进入", "来到",
                           "报道", "指出", "强调", "介绍", "透露", "说"))
# the endings of a body's departments named by a line of work (外资司, 宣传处, 办公厅, 艺术局)
_DEPT_END = frozenset("司处局厅部室科所")
_NT_END = set("社会院局部委队团组所厂司行校台馆署办处党军国盟站厅府室宫团报联署系")
# two-character endings of names jieba tags nt: 国际货币基金组织, 胜利油田, 联合国安理会; and
# one-character ones of federations and central committees (侨联, 银联, 共青团中央) in the check
_NT_END2 = {"组织", "油田", "联盟", "理会", "议会", "工会", "乐团", "剧院", "军区", "画院", "集团", "公司"}
_LIST_SEP = "、"
_AND = frozenset("和与及同")
_JOINS = frozenset("、和与及")  # what stands between two names in a list
_MAX_READ = 4096  # sentences whose reading a finder keeps (a page's; `kg ner` reads many more)
# what closes a credit in brackets after the maker's name: (某某作), (某某画)
_MAKER_MARKS = frozenset("作画绘")
# what may follow the last name of 某某和某某: a pause, the end, 等
_CLOSES_NAME = frozenset("。，,、；;：:！？!?）)等")
# what follows a name as a subject, or closes it
_AFTER_SUBJECT_OR_CLOSE = _AFTER_SUBJECT | _CLOSES_NAME
_FUNCTION_CHARS = set("这那是就也都还要会能可把被让向对在从由为以于与及和或且并而其此该每各")
# where a thing is (会|上, 信|中): jieba glues these to the word after as often as to the one before
# (于, 和 and the other function characters also open names and given names: 于|尔根·, not cut)
_GLUED_WHERE = frozenset("上下中里内外前后")
# Last characters of words that look like names but name things (楼栋长, 同仁堂, 红马甲)
# last characters of a site's name (某某岛, 某某寺), which a new word the name statistics take
# for a name ends with more often than a person's name does
_SITE_END = frozenset("岛港寺湾寨洞庙宫")
# measure words for persons that are surnames too (位, 名), after what counts or points (这位彩民)
_MEASURE_CHARS = frozenset("位名")
_COUNTING = frozenset("这那哪每各几一二两三四五六七八九十百千万数")
# words jieba may glue to a name it does not know: before it (而|某某, 和|某某, 问|某某) and,
# never a name's last character, after it (某某|是, 某某|说, 某某某|任)
_GLUED_BEFORE = frozenset("而和与及同跟由让给请被将对向把令叫使问")
_GLUED_AFTER = frozenset("是说以任为告称到")
# the name statistics' least score for a name glued to the word before it, the score that
# needs nothing after the name to vouch for it (a verb, a pause), and the least score for a
# name glued to the word after it (the statistics must not reject it outright: 车吊|到路边)
_GLUED_SCORE = (0.5, 2.0, -3.0)
_NOT_NAME_END = set("长堂店馆站所队院局厂场园街路村镇乡县市区省部处科室组会社团楼城甲们者员化性度率型式制业品")
# (郊区, 城区, 矿区 are also districts' names, but alone they are a part of any city; 大陆, 内地
# and 港澳 are named from where the writer stands or are two places)
_NOT_PLACE = {"郊区", "城区", "矿区", "山区", "垦区", "林区", "牧区", "市区", "大陆", "海峡两岸", "港澳",
              "城镇", "乡镇", "中方", "东方", "西方", "南方", "北方", "全国", "各地", "当地", "本地", "外地", "内地", "两岸",
              "中外", "国内", "国外", "海外", "境外", "城乡", "乡村", "农村", "社区", "小区", "街道", "全省",
              "全市", "全县", "全区", "基层", "一线", "前线", "城市"}
# what joins two counties of one province named together (某县、某县, 某县和某县, 某县—某县 for
# the area the two make up)
_DASHES = ("—", "－", "-")
_LIST_JOINS = ("、", "和") + _DASHES
# the status a region's full name adds to its name (某地|特别行政区)
_REGION_STATUS = ("特别行政区", "特区")
_SCHOOLS = ("大学", "学院")
_NOT_PLACE_HEAD = set("一二三四五六七八九十两几多百千万外本我该各全每此他其邻")
# (a mountain or a water is often named by a number: 三清山, 九华山, 五台山, 八里河)
_NUMERAL_HEAD = frozenset("一二三四五六七八九十")
# what a place's people are called by (某国人, 某国籍), and the tags of the rest of a word that
# make it no common word after a place (a name, a place, a body)
_PEOPLE_OF_PLACE = frozenset(("人", "籍"))
_NOT_HEAD_REST_TAGS = frozenset(("ns", "nr", "nrt", "nrfg", "nt", "m", "q"))
_PLACE_PREFIX_STOP = set("以农乡全各本该每城山村新老大小上下前后这那某其此多诸和与及")
_ORG_LEFT_STOP_TAGS = {"z", "l", "i", "v", "p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "d", "r", "m", "q", "t", "f", "y",
                       "e", "o", "zg", "vd", "ad", "x"}
# what a body's name, cut where the walk left stopped, may be glued to (职工|音像出版社)
_CUT_BEFORE_TAGS = frozenset(("n", "nr", "nz", "l", "oov", "j"))
# nouns jieba tags n that take a body as their object (代表|某委员会致辞, 领导|某大学)
_BODY_OBJECT_NOUNS = frozenset(("代表", "领导", "主管", "指导", "委托", "监管"))
_ORG_LEAD_STRIP = ("暨", "全", "各", "本", "该", "其", "有关", "相关", "原", "现", "新", "由", "经", "向", "为")
# a word jieba calls a place that ends like a mountain, river, lake or sea is one (太行山, 洞庭湖)
# the last characters of a landmark's or an old village's three-character name (天安门, 西柏坡)
# endings no person's name has, with the level of the place they make (洪泽县, 骆马湖, 大昭寺):
# what jieba calls a name and ends so is a place (山, 江, 海 end given names: 某青山, 某长江)
_NAMED_PLACE_END = {"村": "village", "乡": "township", "镇": "township", "县": "county",
                    "州": "prefecture", "郡": "county", "湖": "other", "岛": "other", "寺": "other", "亭": "other",
                    "坝": "other", "街": "other", "庄": "other", "桥": "other", "河": "other", "泊": "other"}
# (a village or a bridge is also named by its kind, 小康村, 石拱桥: the head must read as a name)
_KIND_END = frozenset("村桥")
# a dateline's date and the verbs of what is held somewhere (在某某|举行)
_DATELINE = re.compile(r"\d{1,2}月\d{1,2}日")
_AT_PLACE_AFTER = frozenset(("举行", "召开", "举办", "开幕", "闭幕", "发表", "签署", "会晤", "成立"))
# the kind of place a foreign name is (斯塔万格|市) and the first characters of every kind word
_FOREIGN_KIND = frozenset(("市", "州", "省", "郡", "岛"))
_KIND_FIRSTS = frozenset("市州省郡岛平盆流高草沙谷半群山湖江河地共自")
_LANDMARK_END = frozenset("门庄坡崮岭堰浜屯寨堡坞")
_NATURAL_END = set("山江河湖海峰岭岛湾港峡滩洲坝")
# a name ending like a mountain or a water, and the words of where along it or below it (某某河|畔,
# 某某山|南麓, 某某湖|大堤): said of a mountain or a water, never of a person called 某青山 or 某长河
_FEATURE_END = frozenset("山河湖江泊峰岭")
# kinds of area said after a region's name and not part of it (某某|草原, 某某|沙漠,
# where 某某|盆地, 某某|高原 are one name): the place is the name
_AREA_AFTER_NAME = ("草原", "沙漠")
# halls, museums and zoos are also named by what they show (某某|博物馆, 私人|博物馆): a common
# noun before one makes a kind of hall, a name before it makes a place
_VENUE_KINDS = frozenset(("博物馆", "美术馆", "展览馆", "纪念馆", "纪念堂", "剧场", "动物园", "音乐厅", "展览中心", "公墓"))
# names listed before the kind of place they all are (某坂、某塘、某坪等村, 某庄、某坪两个特贫村)
_LISTED_PLACES = re.compile(r"((?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,3})(等(?:[一二三四五六七八九十两几]个)?(?:村|乡|镇|乡镇))")
_FEATURE_SIDES = ("畔", "两岸", "沿岸", "岸边", "流域", "大堤", "南麓", "北麓", "东麓", "西麓", "山麓", "脚下",
                  "之滨", "上游", "下游", "中游", "干流", "支流", "水系", "主峰", "山脉", "入海口", "源头")
_FEATURE_SIDE_FIRSTS = frozenset(x[0] for x in _FEATURE_SIDES)
# a street jieba knows whole (某某路, 某某东街); the endings of kinds of road, not of names
_STREET_END = ("路", "街")
# Buildings and grounds a city's name may open (某市某某机场, 某地某某宾馆): the city and the
# site's own name are one name there; roads, districts and zones are not (某市|某某路 stays two),
# nor an office tower, which a city's name before it mostly only locates (某市|某某大厦)
_CITY_SITE_END = ("机场", "宾馆", "饭店", "酒店", "大酒店", "体育馆", "体育场", "体育中心", "商场", "商厦",
             "剧场", "剧院", "展览中心", "展览馆", "纪念馆", "博物馆", "美术馆", "动物园", "火车站")
# a street's or a hamlet's one-character ending after the division holding it (某区|某某街, 某县|某某庄):
# looser than 镇/乡/村 (a name of two or three characters that starts a word), with its admin level
_STREET_OR_HAMLET = {"街": "other", "路": "other", "庄": "village", "屯": "village"}
_NOT_STREET_END = ("铁路", "公路", "马路", "道路", "线路", "电路", "网路", "思路", "出路", "销路", "门路", "大路",
                   "小路", "老路", "新路", "弯路", "之路", "路子", "山路")
# verbs and prepositions of going somewhere: what jieba calls a place after them is one
_TO_PLACE = ("在", "到", "赴", "抵", "抵达", "来自", "前往", "访问", "途经", "经过", "飞往", "离开", "回到", "位于", "地处")
# tags of words that are no part of a name: verbs, numbers, directions, adverbs, prepositions
_NOT_NAME_TAGS = frozenset(("v", "vn", "vd", "m", "f", "d", "p", "c", "u", "uj", "r", "q"))
# the name model's score a new word needs to be taken for a name without any other cue, by
# length: two characters are many words' shape, so they need more
_NAME_SCORE = {2: 1.8, 3: 0.5}
# last characters of two-character words that say where (信中, 家里, 会上)
_PLACE_WORD_END = frozenset("中里内外上下")
# what closes a listing of places, not of persons (华北、某某|等地, 某某|等省市): 等 alone vouches for
# a person before it, these do not (等国 is left out: 某某等国家领导人)
_PLACES_LIST_END = ("等地", "等省", "等市", "等县", "等城市", "等乡镇")
# tags jieba gives a given name's last character when it leaves it alone after a new word
# (某某|渝 j, 某某|姝 g, 某某|藩 ns): word pieces and nouns, no function words or verbs
_LONE_GIVEN_TAGS = frozenset(("j", "g", "ng", "zg", "n", "ns", "nr", "nz", "ag", "a"))
# a match told of: the words around a club's name, and a score
# how a company is owned, written before its name (中美合资某某有限公司)
_OWNERSHIP = {"合资", "独资", "合营", "控股", "隶属", "下属", "所属", "旗下"}
_TEAM_BEFORE = {"对阵", "迎战", "战胜", "击败", "逼平", "负于", "不敌", "客战", "主战", "力克", "做客", "输给", "险胜",
                "完胜", "大胜", "横扫", "淘汰", "挑战", "遭遇", "对手"}
# what a match report calls a team before its name (升班马河南男排): a word about the team
_TEAM_EPITHETS = {"升班马", "东道主", "卫冕冠军", "新科冠军", "老牌劲旅", "黑马"}
# a match's results before a team (两胜北京男排, 一胜一负八一女排): numbers of wins and losses
_RESULT_HEAD = frozenset("一二两三四五六七八九十")
_RESULT_TAIL = frozenset("胜负平")
# prepositions that open a two-character word before a body (对华|信银行, 在京|某某公司): the
# word is the sentence's, the body starts after it
_PREP_HEAD = frozenset("对从在于与")
_TEAM_AFTER = ("主场", "客场", "球迷", "主帅", "门将", "前锋", "后卫", "中场", "取胜", "获胜", "晋级", "出局", "夺冠",
               "保级", "降级", "主强客弱", "主胜", "客胜", "战平", "逼平", "击败", "战胜", "不敌", "负于", "双雄", "让半",
               "让球")
# what a match report says of a club after its name (某某队|主场|扳倒|某某队): a word of the match,
# never one of a club's name, so a name's walk left stops there
_MATCH_WORDS = frozenset(_TEAM_AFTER) - {"球迷", "主帅", "门将", "前锋", "后卫", "中场", "双雄"}


@functools.lru_cache(maxsize=1)
def _league_in_word() -> re.Pattern:
    """The league words of two characters or more: a word holding one is a league's or a club's,
    and a sentence without one tells of no league."""
    words = sorted((w for w in load_lexicon().league_words if len(w) > 1), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


# the roles of the persons of a club, written before a name (队长|某某, 主帅|某某)
_PLAYER_ROLES = ("队长", "主帅", "主教练", "教练", "球员", "前锋", "中场", "后卫", "门将", "国脚", "外援", "球星", "名将")
# the tournaments a city gives its name to (某城|奥运会, 某城|公开赛): the city is where they are held
_TOURNAMENTS = ("奥运会", "冬奥会", "亚运会", "运动会", "世界杯", "锦标赛", "公开赛", "大奖赛", "邀请赛", "马拉松", "站")
# a derby is named after its city (某城|德比: the city's two clubs meet), not after a club
_DERBY = "德比"
# a club's record and its odds told right after its name (某某两连败, 某某7战不胜, 某某积3分,
# 某某客让浅盘, 某某胜赔2.39): players are not told of so
# (each pattern behind a look-ahead for the characters a match can open with: the same matches,
# but most positions of a sentence are passed over at once instead of trying every branch there)
_TEAM_RECORD = re.compile(r"(?=[两三四五六七八九十\d连积近上此胜平负主客告排站等无难可])"
                          r"(?:[两三四五六七八九十\d]?连[胜败平负]|\d+战|\d+胜|\d+平\d*负|积\d|近况|近期两连|上轮|此战|"
                          r"[胜平负]赔|[主客]让|[主客]胜|告负|排名|站稳榜首|等队|无平|难言稳胜|可作胆)")
_VERSUS = re.compile(r"\s*(?:vs|VS|Vs|对阵)\.?\s*")
_SCORE = re.compile(r"\s*\d{1,2}\s*[-:：比]\s*\d{1,2}")
_MATCH_CUE = re.compile("(?=[" + re.escape("".join(sorted({w[0] for w in _TEAM_BEFORE | set(_TEAM_AFTER)}))) + r"\dvV对])(?:"
                        + "|".join(sorted(_TEAM_BEFORE | set(_TEAM_AFTER), key=len, reverse=True))
                        + r"|\d\s*[-:：比]\s*\d|vs|VS|对阵)")
# a club's match told in the sentence, by words that are said of clubs and not of athletes on
# their own (主场, 让球, 胜赔, 连胜; not 夺冠, 战胜, 淘汰, said of a skier or a tennis player):
# there a word jieba's dictionary calls a transliterated name is a club's as often as a player's
_CLUB_TALK = re.compile(r"主场|客场|主胜|客胜|主强客弱|让球|让半|让平|德比|保级|降级|做客|客战|主战|vs|VS|"
                        r"[两三四五六七八九十\d]?连[胜败平负]|积\d|上轮|[胜平负]赔|[主客]让|"
                        # (a league, a betting tip, the clubs' past meetings: 交锋, 往绩, 升班马)
                        r"联赛|[意西德法荷]甲|英超|葡超|欧冠|联盟杯|足彩|亚盘|欧赔|盘口|赔率|交锋|往绩|升班马|"
                        r"稳胆|作胆|防平|防冷|[主客]队|本轮|下轮|豪门|净胜球|战绩|对决|惨败")
_CHOSEN = re.compile(r"(?:选举|推选|推举|任命|聘任|名叫|叫做)")
_POLITE = ("先生", "女士", "小姐", "同志", "师傅", "老师", "太太", "夫人", "大夫", "大姐", "大哥", "大嫂", "大爷", "大娘", "大妈", "阿姨")
# tags of the words a place suffix can follow to make a place (某某|镇, 石桥|村)
_SUFFIX_HEAD_TAGS = frozenset(("oov", "ns", "nz", "nr", "n", "j", "nrt"))
# every tag a rule of `_places` looks at beyond the word itself: other words are skipped at once
_PLACE_RULE_TAGS = _SUFFIX_HEAD_TAGS | {"nt", "nrfg"}
_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}
_COMMON_TAGS = {"n", "vn", "a", "b", "v", "l", "d", "an", "f", "s", "ad", "z", "i"}
_MODIFIABLE_HEADS = {"经理", "总监", "主管", "老师", "教师", "分析师", "理财师", "设计师", "工程师", "顾问", "秘书",
                     "董事", "负责人", "编辑", "医生", "专家", "记者"}
_JOB_WORDS = {"销售", "客户", "业务", "零售", "市场", "财务", "技术", "项目", "产品", "策划", "高级", "执行", "首席",
              "心理", "辅导", "新闻", "法律", "投资", "理财", "营销", "运营", "人事", "行政", "区域", "资深", "主任",
              "特约", "摄影", "文字", "责任", "专职", "兼职", "独立", "常务"}
_PARTY_SUFFIXES = {"省委", "市委", "县委", "区委", "地委", "州委", "盟委", "旗委"}
# a committee or government named by its level alone, which owns the department right after it
# (县委|宣传部, 市政府|新闻办): the level names the body on a page of one county or city
_LEVEL_OWNERS = frozenset(_PARTY_SUFFIXES | {"省政府", "市政府", "县政府", "区政府", "州政府", "旗政府"})
_PHOTO_CREDIT = re.compile(r"((?:[\u3400-\u9fff]{2,4}[\s\u3000]*){1,3}?)[\s\u3000]*[/／]?摄(?![\u3400-\u9fff])")
_NAME_DOTS = "·•・‧"
# particles that follow a verb (开着, 说了, 去过): the character before them ends no name
_ASPECT_MARKS = frozenset("着了过")
# jieba's tags of function words (曾 d, 其 r, 等 u): a name's characters never spell on into
# them; verbs and localisers do (达 v, 里 f: 扎尔达里)
_FUNCTION_TAGS = frozenset(("d", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r"))
# a word of two or more characters with one of these tags opens no name (来到, 宣誓, 应由)
_OPENS_NO_NAME = frozenset(("v", "vn", "vd", "d", "p", "c", "t", "f", "m", "r", "ad", "l", "i", "u", "uj"))
# what jieba may call a name standing right before 同志 (其他同志 r and 广大同志 b are not)
_COMRADE_TAGS = frozenset(("nr", "nrfg", "nrt", "n", "nz", "ns", "t", "oov", "r"))
# a name's given part is never a time or function word (谈|明年)
_GIVEN_NO_NAME = frozenset(("t", "f", "m", "p", "c", "u", "uj"))
# a speaker's name opening a text, maybe in brackets, before a colon
# verbs of saying that end a speaker's line (某某说：) and no given name ends with
_SPEECH_END = "说称"
# characters of time words (元旦, 上半年, 中秋节): a time word holding one is no name
_TIME_CHARS = set("年月日时天春夏秋冬节晚早午夜期代世纪初末后前今明昨古朝间旬刻分秒宵旦")
# a character rarer than one in ten thousand of running text (碧, 璧, 钺), tagged as a noun or
# bound morpheme, that jieba leaves alone after two characters of a name is the name's third
_RARE_CHAR_LOGP = -9.2
_NOUNISH_CHAR_TAGS = frozenset(("nr", "n", "ng", "zg"))
_NAME_SCORE_TIME = 1.0
# below this a two-character word jieba's dictionary tags nr is a word (文明 0.98, 卫星 1.55), above it a
# name (two-character names score 1.9 and more: the name statistics of `kg.names`)
_NR_WORD_SCORE = 1.6
# surnames that also close a clause of time (…时, …后): before a verb they are no names
_WHEN_CHARS = "时"
# surnames that are far more often a preposition or an auxiliary verb (向, 于, 应)
_FUNCTION_SURNAMES = frozenset("向于应")
# pronouns and demonstratives that open the next phrase after a name and a conjunction (某某和|她的同学)
_PRONOUN_HEADS = frozenset("她他我你您咱这那")
# 老张, 小马: how colleagues and neighbours are called (the surname class is filled in from the lexicon)
_FAMILIAR_RE = "[老小]([{}])"
# a number (and its 万, 亿) right before a word: the word is what is counted, no name
_AFTER_NUMBER = re.compile(r"[0-9０-９][万亿千百]?$")  # above the score of time words that open with a surname (元元旦 0.98)
# a column opening the text, its name and its writer's before the colon (某某火线解盘：)
_COLUMN_HEAD = re.compile(r"[\s\u3000【\[]*([\u3400-\u9fff]{4,12})[:：]")
_SPEAKER = re.compile(r"[\s\u3000【\[（(]*([\u3400-\u9fff]{2,4})[】\]）)]?[:：]")
# the title of a work, without titles inside it
_WORK_TITLE = re.compile(r"《([^《》\n]{1,40})》")
# a person's other names in a biography: (某某，)名某某，字某某 — the given name and the courtesy
# name 字 introduces, each closed by a mark
_COURTESY = re.compile(r"(?<=[，、,])(?:名([\u4e00-\u9fff]{2})[，、,])?字([\u4e00-\u9fff]{2})(?=[，、,；;。）)])")
_DOTTED = re.compile(f"[\u3400-\u9fff]+(?:[{_NAME_DOTS}][\u3400-\u9fff]+)+")
_INNER_DOTS = re.compile(f"(?<=.)[{_NAME_DOTS}](?=.)")  # the dots inside a name, not at its ends
_NAME_TAGS = frozenset(("nr", "nrfg", "nrt", "oov"))
_NAME_OR_TIME_TAGS = _NAME_TAGS | {"t"}
# a name's third character after a post, closed by these (某某深|及, 某某茶|由), when names end with
# it at least this often in jieba's statistics (摄 -20, 说 -11.4, 以 -12; 来 -6.5, 都 -8.4)
_THIRD_CLOSERS = frozenset("和与及由")
_THIRD_END_LOGP = -10.0
_THIRD_NO_WORD_TAGS = frozenset(("v", "vn", "vd", "d", "p", "c", "u", "uj", "f", "t", "m", "r", "ad"))
_NAME_THEN_COUNT = re.compile(r"(?:^|(?<=[，。；：、,;:\s]))([\u4e00-\u9fff]{2,4})等"
                              r"(?:[0-9０-９]+|[一二两三四五六七八九十百千]+)(?:人|名|位)")
_DOTTED_TAIL_STOP = frozenset("家氏派人族语文式夫")  # (某·某某|家, 某·某某|派: the family, the faction, the people)
_ORDINAL_MARKS = frozenset("第")  # (第|某|某: an ordinal, no surname)
# a surname and 某 (或 某某) is a person whose name the writer withholds, with no cue needed; a
# preposition or verb that may stand for a surname glued to 某 (对某, 向某, 将某) is none
_NOT_WITHHELD_HEAD = frozenset("这那是就也都还要会能可把被让向对在从由为以于与及和或且并而其此该每各将给同跟令叫使问应")
# a bracket holding nothing but names: (王某某 李某某)
_BRACKET_NAMES = re.compile(r"[(（]([\u3400-\u9fff\s\u3000、]{2,20})[)）]")
# where a person stands in a photo, written in a bracket after the name (某某（左一）, （前排右二）,
# （中）): a place in the picture, no name of its own, though 左 is a surname
_PHOTO_PLACE = re.compile(r"(?:[前后中]排|[前后])?(?:[左右][起]?[一二三四五六七八九十]{0,2}|中)")
# a short run after a post and right before a date or a day's word (外长某某|4日, 总理某某|今天)
_NAME_THEN_DATE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?=(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日月](?![\u4e00-\u9fff]*[元吨])"
                             r"|今天|昨天|前天|日前|近日|当天|今日|昨日)")
# a contributor's credit closing the text: (place or body, then names), nothing after it
_CREDIT_BRACKET = re.compile(r"[(（]([\u3400-\u9fff]{4,40})[)）]\s*$")
# a list of short words joined by 、 (吴海涛、陈立新)
_NAME_LIST = re.compile(r"(?:[\u3400-\u9fff]{2,4}、){1,}[\u3400-\u9fff]{2,4}")
# the rest of a name in parts after its first part (·艾买提)
_HAS_LATIN = re.compile(r"[A-Za-z]")
_ROMAN = re.compile(r"[IVX]+$")
# a transliterated name's Latin spelling in brackets, at least this many letters per Chinese
# character, spells a person's full name (a first name and a family name: 4 characters, 10 letters
# or more); a town's or a club's one word is about twice as long as its Chinese spelling
_SPELT_NAME_RATIO = 2.4
_BRACKET_LATIN = re.compile(r"[（(]([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z]+)*)[）)，,]")
# a word in Latin letters standing alone (not glued to letters or digits on either side)
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9.·•・])[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z]+)*(?![A-Za-z0-9])")
_NAME_PARTS = re.compile(r"(?:[·•・][\u3400-\u9fff]{1,6})+")
_PARTY_OR_GOV = re.compile(r"^(?:[省市县区乡镇村州盟旗]|街道|社区)?(?:委|政府|人民政府|党委|党组|党工委|党支部|党总支|委会|居委会"
                           r"|办事处|人大常委会|政协|纪委|监委)$")
# the levels below a county a post opens with (某某|街道党工委书记, 某村|党支部书记): the place is the name before
_TOWN_LEVELS = ("街道", "社区", "乡", "镇", "村")


@dataclass(frozen=True, slots=True)
class _Tables:
    """What a MentionFinder derives from the lexicon. Made once per process: the pipeline makes
    a finder per page, and compiling the role patterns each time cost as much as a stage."""

    translit: frozenset[str]
    sites: tuple[str, ...]
    roles: tuple[tuple[str, re.Pattern], ...]
    any_role_re: re.Pattern  # finds a sentence with none of them in one pass
    role_finder: object  # Aho-Corasick automaton of the role words: the ones a sentence holds, overlaps too
    title_re: re.Pattern
    place_suffix_firsts: frozenset[str]  # first characters of 镇, 街道, 大会堂…
    japanese_surname_finder: object  # Aho-Corasick automaton of 佐藤, 桥本…: each match gives the name's length
    place_words: frozenset[str]  # every word a place rule takes by itself: `_places` asks one set
    place_next_firsts: frozenset[str]  # what may follow a place's name: a suffix's, a kind's, a side's first character
    familiar: re.Pattern  # 老张, 小马 over the lexicon's surnames (sorting them per page cost 1.5% of a build)


def _ends_with_any(word: str, words) -> bool:
    """`any(word.endswith(w) for w in words)` for a set of words: the word's own endings
    looked up, not every word of the set tried."""
    return any(word[k:] in words for k in range(len(word)))


def _automaton(words, value=None):
    """An Aho-Corasick automaton (pyahocorasick) finding every word's occurrences, overlapping
    ones too, in one pass; each match gives the word's index in `words` (or `value(word)`)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for k, w in enumerate(words):
        auto.add_word(w, k if value is None else value(w))
    auto.make_automaton()
    return auto


@functools.lru_cache(maxsize=1)
def _tables() -> _Tables:
    lex = load_lexicon()
    # the lexicon's pattern behind a look-ahead for the characters a post can open with: the
    # same matches, but the engine tries the hundreds of heads only where one can start
    # (a quarter of the time over a sentence)
    firsts = {"常", "副"} | {h[0] for h in lex.title_heads}
    roles = sorted(set(lex.byline_roles) | set(lex.person_nouns) | set(lex.person_cues_before), key=len, reverse=True)
    return _Tables(
        translit=lex.translit_chars | lex.translit_core_chars,
        # endings of sites (大会堂, 宾馆, 机场), for words jieba keeps whole
        sites=tuple(x for x, level in lex.place_suffixes.items() if len(x) >= 2 and level == "other"),
        # byline and role words, longest first
        roles=tuple((r, re.compile(re.escape(r))) for r in roles),
        any_role_re=re.compile("|".join(re.escape(r) for r in roles)),
        role_finder=_automaton(roles),
        title_re=re.compile("(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])" + lex.title_re.pattern),
        place_suffix_firsts=frozenset(x[0] for x in lex.place_suffixes),
        japanese_surname_finder=_automaton(sorted(lex.japanese_surnames), len),
        place_words=frozenset(load_gazetteer().names()) | frozenset(lex.locale_words) | frozenset(lex.world_places),
        place_next_firsts=frozenset(x[0] for x in lex.place_suffixes) | _KIND_FIRSTS | _FEATURE_SIDE_FIRSTS
        | frozenset(x[0] for x in _AT_PLACE_AFTER),
        familiar=re.compile(_FAMILIAR_RE.format("".join(sorted(lex.surnames)))),
    )


@functools.lru_cache(maxsize=1)
def _translit_stretch() -> re.Pattern:
    """Two or more transliteration characters in a row: where `_translit_runs` can find a run."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(_tables().translit)) + "]{2,}")


_token_start = operator.attrgetter("start")
_token_end = operator.attrgetter("end")


@functools.lru_cache(maxsize=1)
def _numbered_unit_re() -> re.Pattern:
    """A unit's number and kind right after its body or place (|251|医院, |第二|加油站, |四〇四|厂):
    digits or numerals (not 两 or 几, which count), maybe after 第, then a numbered unit."""
    units = sorted(load_lexicon().numbered_units, key=len, reverse=True)
    return re.compile("第?[0-9０-９〇○零一二三四五六七八九十百]{1,4}(" + "|".join(map(re.escape, units)) + ")")


# what follows a one-character unit's character in a word of the sentence that jieba's dictionary
# may not hold (中|全会, 厂|长): the character is that word's, no unit
_NOT_AFTER_UNIT = frozenset("长家时全")
# the first characters of the numbers a numbered unit opens with
_UNIT_NUMBER_FIRSTS = frozenset("第0123456789０１２３４５６７８９〇○零一二三四五六七八九十百")


@functools.lru_cache(maxsize=1)
def _strong_org_suffixes() -> frozenset[str]:
    """The org suffixes that make a body whatever word they end (the lexicon's strong ones)."""
    return frozenset(x for x, (_, strong) in load_lexicon().org_suffixes.items() if strong)


@functools.lru_cache(maxsize=1)
def _clause_opening() -> tuple[frozenset[str], re.Pattern]:
    """The characters a name opening a clause can start with (a surname, not one of
    `_FUNCTION_CHARS`, which `_opening_name` refuses), and a stop or quote mark before one:
    one pass of the engine over a sentence instead of a look at every stop's next character."""
    firsts = frozenset(load_lexicon().surnames - _FUNCTION_CHARS)
    return firsts, re.compile(_CLAUSE_BREAK.pattern + "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])")


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int


def split_name_run(run: str, lex=None) -> list[tuple[int, int]] | None:
    """Split a run of names written without separators (林雨桐韩冰) into names of 2–3
    characters (4 with a compound surname), each starting with a surname; None if it can't.

    >>> split_name_run("陈思远")
    [(0, 3)]
    """
    lex = lex or load_lexicon()
    names = load_name_model()
    n = len(run)
    best: dict[int, list[tuple[int, int]] | None] = {n: []}
    for i in range(n - 1, -1, -1):
        best[i] = None
        sl = lex.is_surname_start(run, i)
        if not sl:
            continue
        options = []
        for length in (sl + 1, sl + 2):
            j = i + length
            if j <= n and best.get(j) is not None:
                options.append([(i, j)] + best[j])
        # prefer fewer, three-character names (the commonest shape) when both parse, then the
        # split the name statistics like best (钱某荣|郭某, not 钱某|荣郭某)
        if options:
            best[i] = min(options, key=lambda o: (len(o), -sum(e - s == 3 for s, e in o),
                                                  -sum(names.score(run[s:e]) for s, e in o)))
    return best[0]


def _party_of_government(m: Mention) -> Mention:
    """某国工党|新政府, 某国民主党|政府: a government named by the party that forms it; the party
    is the body named, the government is whichever it forms."""
    if not m.text.endswith("政府"):
        return m
    party = m.text[:-2].rstrip("新现原前")
    if len(party) < 3 or not party.endswith("党"):
        return m
    return replace(m, end=m.start + len(party), text=party, subtype="Organization")


# the suffixes closing a town, village or street after the place holding it (`_address_tail`),
# and their first characters
_ADDRESS_SUFFIXES = ("街道", "镇", "乡", "村", "街", "路", "庄", "屯")
_ADDRESS_SUFFIX_FIRSTS = frozenset(x[0] for x in _ADDRESS_SUFFIXES)


def _find_all(s: str, c: str) -> list[int]:
    """Where the character c stands in s."""
    out, i = [], s.find(c)
    while i >= 0:
        out.append(i)
        i = s.find(c, i + 1)
    return out


class MentionFinder:
    """Finds mentions in cleaned text with jieba tokens, the gazetteer and grammar rules."""

    def __init__(self):
        self.lex = load_lexicon()
        self.gaz = load_gazetteer()
        self.seg = get_segmenter()
        self._names = load_name_model()
        tables = _tables()
        self._familiar = tables.familiar
        self._translit = tables.translit
        self._translit_core = self.lex.translit_core_chars
        self._sites = tables.sites
        self._roles = tables.roles
        self._byline_roles = tuple(self.lex.byline_roles)
        self._any_role_re = tables.any_role_re
        self._role_finder = tables.role_finder
        self._title_re = tables.title_re
        self._place_suffix_firsts = tables.place_suffix_firsts
        self._title_body_lengths = tuple(sorted({len(b) for b in self.lex.title_bodies}, reverse=True))
        self._japanese_finder = tables.japanese_surname_finder
        self._place_words = tables.place_words
        self._place_next_firsts = tables.place_next_firsts
        self._read: dict[str, tuple] = {}  # sentence -> `_read_sentence`, for the page's second reading

    # ---- persons -------------------------------------------------------------------------
    def name_at(self, s: str, i: int, bounds: set[int], strict: bool = False) -> int:
        """End of a plausible name starting at s[i] (0 if none). Decides 2 vs 3 characters by
        token boundaries, the character after, and whether the next two characters form a word."""
        lex = self.lex
        sl = lex.is_surname_start(s, i)
        if not sl or i + sl >= len(s) or s[i] in "和与及同跟":
            return 0  # 专家和大夫: a conjunction before a noun, however it looks like a surname
        two, three = i + sl + 1, i + sl + 2
        if not _ALL_CJK.match(s[i:two]):
            return 0
        if s[i + sl] in _AFTER_NAME and not (three <= len(s) and s[i + sl : three] in ("建军", "明星")) and strict:
            return 0
        can3 = three <= len(s) and _CJK.match(s[three - 1]) is not None
        if can3:
            c3 = s[three - 1]
            after = s[three - 1 : three + 1]
            word_after = len(after) == 2 and self.seg.known(after) and self.seg.tag(after) not in ("nr", "ns", "nz")
            c4 = s[three : three + 1]
            if c3 == s[i] and sl == 1 and s.startswith(_POLITE, three):
                return two  # 孙某|孙女士: the surname again, with a form of address
            if c3 in "和与及" and c4 and _CJK.match(c4) and (
                    (self.seg.known(s[three : three + 2]) and self.seg.tag(s[three : three + 2]) not in ("v", "vn", "d"))
                    or s[three : three + 3] in lex.world_places or lex.is_surname_start(s, three) or c4 in _PRONOUN_HEADS
                    or s.startswith(lex.person_nouns, three) or s[three : three + 2] in lex.title_heads):
                # 宋某和|国家…, 陈某和|乌克兰…, 卢某和|她的…, 原某和|教练…: the conjunction, before another
                # noun, name, pronoun or person's word (which jieba may tag a verbal noun: 教练)
                return two
            if i in bounds and three in bounds and two not in bounds and (self.seg.tag(s[i:three]) in ("nr", "nrfg")
                                                                          or self._name_as_time(s[i:three])):
                return three  # jieba cut the three as one word its dictionary calls a name (刘某飞|上任)
            if s[i + sl : three] in lex.given_name_words and i + sl in bounds and three in bounds:
                return three  # 某|建设|在…: a generation's given name jieba kept one word (not 某建|设在)
            if self._names.end_logp(c3) < -8.3 and self.seg.tag(c3) in ("p", "c", "d", "r", "u", "uj") \
                    and not self.seg.known(s[three - 1 : three + 1]) \
                    and self.seg.known(s[three : three + 2]):
                return two  # 某某因采访…: 因 hardly ever closes a name, and 采访 is the next word
            if word_after and c4 and (c4 in _AFTER_NAME or c4 == "于") and self._names.end_logp(c3) > -7.0 \
                    and c3 in lex.given_chars:
                return three  # 某建强于…, 某红升为…: the word after (强于, 升为) is split by the name
            if self._rare_third(s, i, two, bounds):
                return three
            if (three == len(s) or not _CJK.match(s[three])) and c3 not in _AFTER_NAME and c3 not in _NOT_NAME_END \
                    and c3 in lex.given_chars and not self.seg.known(s[two - 1 : three]):
                return three  # 周某如：: a stop closes the name, and its last two make no word
            if c3 in _AFTER_NAME and (three >= len(s) or not _CJK.match(s[three])) and c3 in lex.given_chars:
                return three  # 汪某和；: the sentence ends there, so 和 is the name's
            if c3 in _AFTER_NAME and (word_after or c3 not in lex.given_chars):
                return two
            if word_after and c4 in _AFTER_NAME and self._names.score(s[i:three]) >= 2.0:
                return three  # 刘某升|为团长: a strong name's statistics outweigh the word 升为
            if word_after and not (c3 not in _AFTER_NAME and self._names.end_logp(c3) > -6.0
                                   and self.seg.known(s[three : three + 2])):
                return two  # …but 某力军|报道 beats 某力|军报|道: the name's end leaves a word after it
            if c3 in lex.given_chars or (self._names.end_logp(c3) > -7.0 and not word_after):
                return three
            if three in bounds and two not in bounds:
                return three
            return two
        return two

    # ---- the whole sentence ----------------------------------------------------------------
    def find(self, s: str, known_persons: frozenset[str] = frozenset()) -> list[Mention]:
        # what does not depend on the page's known names is worked out once per sentence: a
        # page's sentences that hold a known name are read a second time with them
        read = self._read.get(s)
        if read is None:
            if len(self._read) >= _MAX_READ:
                self._read.clear()
            read = self._read[s] = self._read_sentence(s)
        tokens, bounds, places, orgs, titles, events = read
        # (the city inside a site's name, 某市|某某机场: named too, like a body's place, below)
        cities = [p for p in places if p.rule == "inner-place"]
        if cities:
            places = [p for p in places if p.rule != "inner-place"]
        persons = self._persons(s, tokens, bounds, titles, orgs, places, known_persons)
        joined = [p for p in places if p.rule == "suffix-join"]
        if joined and titles:
            # 段|村镇党委书记: the post took the town's own 村 (段村镇); it opens at the town's level
            titles = [next((replace(t, start=p.end - 1, text=s[p.end - 1 : t.end]) for p in joined
                            if p.start < t.start < p.end - 1 < t.end), t) for t in titles]
        out: list[Mention] = [*places, *orgs, *titles, *persons, *events]
        kept = _resolve_overlaps(out)
        # a body inside a body (省卫健委|专家组, 市第五医院|康复中心): the inner one is
        # named too; `kg ner` prints outermost spans only and drops these
        # (a post is found by `_titles` alone: a sentence without one has no post's body)
        inner = self._inner_bodies(s, tokens, [m for m in kept if m.type == "organization"]) \
            + (self._post_bodies(s, kept, places, tokens) if titles else [])
        # the place a body is named after (北京|军区, 纽约|总领事馆) is named by the text too
        org_spans = [(m.start, m.end) for m in kept if m.type == "organization"]
        # (and the town or village of a local body, 某镇|某村|党支部: places down to the village)
        inner += [self._body_head_place(p) for p in places if (p.rule in ("gazetteer", "world", "word-head") or (
                  p.rule == "suffix" and p.subtype in ("township", "village")))
                  and any(a <= p.start and p.end <= b and (a, b) != (p.start, p.end) for a, b in org_spans)]
        inner += self._owner_word_places(tokens, kept) + cities
        return sorted(kept + inner, key=lambda m: (m.start, m.end))

    def _owner_word_places(self, tokens: list[Token], kept: list[Mention]) -> list[Mention]:
        """The place opening a body's or a paper's name that jieba keeps as one word (某国|电信,
        某省|军区, 某江|日报): the text names the place too, as it does in 某市|政府, where jieba
        cuts the place off (`kg ner`, which prints outermost spans, drops these)."""
        out = []
        # (nearly all words are of other tags or shorter: picked in one comprehension, every reading)
        for t in [t for t in tokens if (t.tag == "nt" or t.tag == "nz") and len(t.word) >= 3]:
            if any(m.start < t.end and t.start < m.end and m.type != "organization" for m in kept):
                continue
            head = self._owner_head(t.word)
            if head:
                out.append(self._body_head_place(Mention(t.start, t.start + head[0], t.word[: head[0]], "place",
                                                         head[1], "inner-place")))
        return out

    def _owner_head(self, w: str) -> tuple[int, str] | None:
        """The longest country, world region or province/prefecture (full or short name) a word
        opens with, when more follows that does not continue a place's name (某某|市, 某某|地区)."""
        lex = self.lex
        for j in (4, 3, 2):
            if len(w) - j < 1:
                continue
            head, rest = w[:j], w[j:]
            level = lex.world_places.get(head) or self._province_or_prefecture(head)
            if level is None or head in _NOT_PLACE:
                continue
            # (a place's own continuation, 某某|特区, 某某|地区; one character after it is a team,
            # a tongue, a people or a word of its own, 某国|队, 某国|语, 某某|族, 某明|治; a verb
            # after it names an event, 某城|起义)
            # (a school's name is read whole, 某京|大学, not as the city's school)
            if len(rest) < 2 or lex.place_suffix_re.match(rest) or rest in lex.region_endings or rest.endswith(_SCHOOLS) \
                    or rest.startswith(_REGION_STATUS) or self.seg.known(rest) and self.seg.tag(rest) == "v":
                return None
            return j, level
        return None

    def _province_or_prefecture(self, w: str) -> str | None:
        """The level of the province or prefecture the gazetteer names `w`, if one is."""
        return next((d.level for d in self.gaz.lookup(w) if d.level in ("province", "prefecture")), None)

    def _body_head_place(self, p: Mention) -> Mention:
        """The place a body is named after: the city itself when the body's name holds its
        region's status (某地|特区|政府 is the government of 某地, as 某地|政府 would be)."""
        for status in _REGION_STATUS:
            if p.text.endswith(status) and self.lex.world_places.get(p.text[: -len(status)]):
                return Mention(p.start, p.end - len(status), p.text[: -len(status)], "place", p.subtype, "inner-place")
        return replace(p, rule="inner-place")

    def _read_sentence(self, s: str) -> tuple:
        """Tokens, token starts, places, bodies, posts and events of a sentence: everything
        but its persons, which depend on the names known on the page."""
        tokens = self._split_body_posts(self.seg.tokens(s))
        bounds = {*map(_token_start, tokens), len(s)}
        places, loose = self._places(s, tokens)
        heads = list(self._title_re.finditer(s))  # posts' head words, for bodies and posts alike
        orgs = self._orgs(s, tokens, places, heads)
        if loose:  # an everyday word is a place only as the head of a body's name (某某|区政府)
            places = [p for p in places if (p.start, p.end) not in loose
                      or any(o.start <= p.start and p.end <= o.end for o in orgs)]
        titles = self._titles(s, orgs, tokens, heads)
        # 《某某日报》 is the paper as a publication (a title of a work), not the body
        orgs = [o for o in orgs if not (s[o.start - 1 : o.start] == "《" and s[o.end : o.end + 1] == "》")]
        # 某某美术馆, 某某剧场, 某某宾馆 that jieba or a body's word took for a body: a site's
        # ending says it is the place where things are seen and held
        sites = [o for o in orgs if o.end - o.start > 3 and o.text.endswith(self._sites)]
        if sites:
            orgs = [o for o in orgs if o not in sites]
            places = places + [Mention(o.start, o.end, o.text, "place", "other", "site-body") for o in sites]
        teams = self._teams(s, tokens, orgs + titles)
        if teams:  # 米兰主场…: the club, not the city
            spans = [(m.start, m.end) for m in teams]
            places = [p for p in places if not any(a < p.end and p.start < b for a, b in spans)]
            orgs = orgs + teams
        return tokens, frozenset(bounds), tuple(places), tuple(orgs), tuple(titles), tuple(self._events(s))

    def _split_body_posts(self, tokens: list[Token]) -> list[Token]:
        """A word jieba keeps whole that is a body and a post (中央政治局|常委): two words, so
        the body's suffix closes a token and the body is found like any other."""
        lex = self.lex
        out = None
        done = 0  # tokens[:done] are in `out` already
        # (the long words picked in one pass: a statement per word of every sentence cost more
        # than the splits; the tokens between them are copied in slices)
        # (four characters too: jieba keeps 医院院长 and 中学校长 whole, a two-character body and its post)
        # (and three, a one-character suffix doubled by its post: 局|局长, 处|处长 after 某某服务)
        for k in [k for k, t in enumerate(tokens) if (len(t.word) >= 4 or len(t.word) == 3 and t.word[0] == t.word[1])
                  and t.tag in ("nt", "n", "nz")]:
            t = tokens[k]
            w = t.word
            if len(w) == 4 and k and tokens[k - 1].word[-1:] in ("原", "前"):
                continue  # 某厂|原|团委书记: "former" goes with the post, and no body is named with it
            for j in range(len(w) - 2, 1 if len(w) > 3 else 0, -1):
                body, post = w[:j], w[j:]
                if (body[-1] in _NT_END or body[-1] == "学") and _ends_with_any(body, lex.org_suffixes) \
                        and lex.title_re.fullmatch(post):
                    if out is None:
                        out = []
                    out.extend(tokens[done:k])
                    out += (Token(t.start, t.start + j, body, "nt"), Token(t.start + j, t.end, post, "n"))
                    done = k + 1
                    break
        if out is None:
            return tokens
        out.extend(tokens[done:])
        return out

    def _post_bodies(self, s: str, kept: list[Mention], places: list[Mention] = (),
                     tokens: list[Token] = ()) -> list[Mention]:
        """The body a place and a post name together (河北|省委副书记, 某市|政府秘书长): the place
        and the post's own body are one agency, 河北省委, which the post alone would not name.
        A township or village the post's level character closes (某湾|镇|党委书记: the post took
        the 镇 from the place; 某湾(ns)|镇党委|副书记: jieba gave it to the body) names it the same way."""
        from kg.relations import title_body

        if not any(m.type == "position" for m in kept):
            return []  # most sentences: no post, so no maps to build
        place_end = {m.end: m for m in kept if m.type == "place" and m.rule != "locale-word"}
        org_end = {m.end: m for m in kept if m.type == "organization"}
        out = []
        spans = [(m.start, m.end) for m in kept]
        for t in kept:
            if t.type != "position":
                continue
            o = org_end.get(t.start)
            body = "" if o is None else title_body(t.text) or next(
                (u for u in self.lex.org_subunits if t.text.startswith(u)), "")  # 党组书记 is one head word
            if body and body in self.lex.org_subunits and body in self.lex.title_bodies \
                    and o.text.lstrip(_LEVELS) not in self.lex.abbreviations:
                # 某总队|党委书记: the post keeps its 党委, and the body's 党委 is named too; a body
                # written short (市卫健委|党委副书记) is the post's, as local papers write it
                end = t.start + len(body)
                out.append(Mention(o.start, end, s[o.start:end], "organization", "GovernmentOrganization", "inner-body"))
                continue
            p = place_end.get(t.start)
            level = next((x for x in _TOWN_LEVELS if t.text.startswith(x)), "") if p is None else ""
            if level:
                n = len(level)
                p = next((q for q in places if q.end == t.start + n and q.text.endswith(level)
                          and q.end - q.start >= n + 2), None) \
                    or next((q for q in tokens if q.end == t.start and q.tag in ("ns", "nz") and 2 <= len(q.word) <= 3
                             and _CJK.match(q.word)), None)
            start = p.start if p is not None else None
            q = place_end.get(start) if start is not None else None
            if q is not None and any(self.gaz.contains(a, b) for a in self.gaz.lookup(q.text)
                                     for b in self.gaz.lookup(p.text)):
                start = q.start  # 某省|某某市|市委副书记: the province names the city's committee with it
            for L in (4, 3, 2) if p is None else ():
                a = t.start - L
                # jieba kept 河北省委 one word, so no place was found in it: read the name off
                if a >= 0 and self.gaz.lookup(s[a : t.start]) and not any(x < t.start and y > a for x, y in spans):
                    start = a
                    break
            body = title_body(t.text)
            if start is not None and body and _PARTY_OR_GOV.match(body):
                end = t.start + len(body)
                if s[start - 2 : start] == "中共" and body.endswith("委"):
                    start -= 2  # 中共|某某省|委副书记: the party's name opens its committee's
                out.append(Mention(start, end, s[start:end], "organization", "GovernmentOrganization", "inner-body"))
        return out

    def _inner_bodies(self, s: str, tokens: list[Token], orgs: list[Mention]) -> list[Mention]:
        if not orgs:
            return []  # most sentences: no body, no token map
        lex = self.lex
        tok_ends = {t.end for t in tokens}
        out = []
        for o in orgs:
            for m in lex.org_suffix_re.finditer(s, o.start, o.end):
                end = m.end()
                cls, strong = lex.org_suffixes[m.group()]
                if not strong or end >= o.end or end - o.start < 3 or end not in tok_ends:
                    continue
                name = s[o.start : end]
                if name in lex.org_stoplist or name in lex.org_suffixes:
                    continue
                rest = s[end : o.end]
                if lex.org_suffix_re.search(rest) is None:
                    continue  # the outer name must end in a body word of its own
                out.append(Mention(o.start, end, name, "organization", cls, "inner-body"))
        return out

    # ---- places --------------------------------------------------------------------------
    def _places(self, s: str, tokens: list[Token]) -> tuple[list[Mention], set[tuple[int, int]]]:
        """The places of a sentence, and the spans of those that are everyday words the sentence
        does not show to be places (place_homographs.txt): they may still head a body's name."""
        out = []
        loose: set[tuple[int, int]] = set()
        gaz, lex = self.gaz, self.lex
        suffix_firsts = self._place_suffix_firsts
        place_words = self._place_words
        next_firsts = self._place_next_firsts
        # the words any rule below may take (one in ten of a sentence's words), in one pass; a
        # word tagged n or j (a quarter of all) can only be the head of a place suffix
        candidates = []
        for k, (_, e, w, tag) in enumerate(tokens):
            if w in place_words or w[-1] in "镇乡村" or tag == "ns":
                candidates.append(k)
                continue
            if tag not in _PLACE_RULE_TAGS:
                continue  # (half of all words: verbs, particles, numbers)
            nxt = s[e : e + 1]
            if tag == "n" or tag == "j":
                if nxt in suffix_firsts or (len(w) >= 3 and (w[:2] in place_words or w[:3] in place_words)):
                    candidates.append(k)
            # the tests on the word itself, then those on the character after it, only when that
            # character can open a suffix, a kind, a side or a verb of meeting (most cannot)
            elif (len(w) >= 3 and ((len(w) >= 4 and (tag == "nt" or tag == "nz"))
                                   or (tag in ("nr", "nrt", "nrfg") and w[-1] in _NAMED_PLACE_END)
                                   or (tag != "nt" and (w[:2] in place_words or w[:3] in place_words
                                                        or w[:4] in place_words)))) \
                    or (nxt in next_firsts and (
                        (tag in ("nr", "nrt", "oov") and len(w) >= 2 and s[e : e + 2] in _AT_PLACE_AFTER)
                        or (tag in ("nr", "nrt") and nxt in _KIND_FIRSTS)
                        or (w[-1] in _FEATURE_END and nxt in _FEATURE_SIDE_FIRSTS)
                        or (tag in _SUFFIX_HEAD_TAGS and nxt in suffix_firsts))) \
                    or (tag in ("nr", "nrt", "oov") and len(w) >= 2 and nxt.isdigit()):
                candidates.append(k)
        n = len(tokens)
        next_candidate = 0
        k = 0
        while True:
            while next_candidate < len(candidates) and candidates[next_candidate] < k:
                next_candidate += 1  # a rule below may take several words at once
            if next_candidate == len(candidates):
                break
            k = candidates[next_candidate]
            t = tokens[k]
            w = t.word
            hit = gaz.lookup(w)
            followed = s[t.end : t.end + 1] in suffix_firsts  # a place suffix may follow
            if w in lex.locale_words and w.startswith(("我", "本")):
                out.append(Mention(t.start, t.end, w, "place", lex.locale_words[w], "locale-word"))
                k += 1
                continue
            if t.tag in ("nr", "nrt", "oov") and len(w) >= 3 and w[-1] in _FEATURE_END and _ALL_CJK.match(w) \
                    and s.startswith(_FEATURE_SIDES, t.end):
                # 某某河|畔, 某某山|南麓: jieba took the mountain or the water for a person's name
                out.append(Mention(t.start, t.end, w, "place", "other", "feature-side"))
                k += 1
                continue
            kind = self._named_kind(tokens, k) if s[t.end : t.end + 1] in _KIND_FIRSTS else 0
            if kind:
                # 斯塔万格|市, 塞伦盖蒂|高原, 松辽|地区: a name and the kind of place, cut apart by jieba
                end = tokens[k + kind].end if tokens[k + kind].word not in _AREA_AFTER_NAME else t.end
                out.append(Mention(t.start, end, s[t.start:end], "place", "city" if kind == 1 and s[end - 1] == "市" else "other",
                                   "named-kind"))
                k += kind + 1
                continue
            if t.tag in ("nr", "nrt", "nrfg") and len(w) >= 3 and w[-1] in _NAMED_PLACE_END \
                    and w[0] not in _NOT_PLACE_HEAD and not self._common_head(w[:-1]) \
                    and (w[-1] not in _KIND_END or self._names.score(w[:-1]) >= _NAME_SCORE[2]) \
                    and not self._surname_shaped(w):  # 某某某: a surname and given names is a person
                # 洪泽县, 骆马湖, 大昭寺 that jieba's dictionary calls a person's name: people are not
                # named with these endings; 小康村, 铁路桥 (a common word and the ending) are kinds
                out.append(Mention(t.start, t.end, w, "place", _NAMED_PLACE_END[w[-1]], "named-place"))
                k += 1
                continue
            if t.tag in ("nr", "nrt", "oov") and len(w) >= 2 and _CJK.match(w) and self._cued_place(s, tokens, k):
                out.append(Mention(t.start, t.end, w, "place", "city", "cued-place"))
                k += 1
                continue
            suffix_next = lex.place_suffix_re.match(s, t.end) if followed else None
            if t.tag in ("ns", "nt", "nz") and len(w) >= 4 and w.endswith(self._sites) and w[0] not in _NOT_PLACE_HEAD:
                # a site jieba knows whole (某某大会堂, 某某宾馆): its ending says it is a place
                out.append(Mention(t.start, t.end, w, "place", "other", "site-word"))
                k += 1
                continue
            if w in lex.world_places and not suffix_next and w not in _NOT_PLACE:
                out.append(Mention(t.start, t.end, w, "place", lex.world_places[w], "world"))
                k += 1
                continue
            if hit and len(w) >= 2 and w not in _NOT_PLACE and not (suffix_next and not any(d.name == w for d in hit)):
                full = [d for d in hit if d.name == w]
                # the highest division of that name: 西安 is the city before any 西安区
                level = min((full or hit), key=lambda d: _LEVEL_RANK.get(d.level, 9)).level
                prev_word = tokens[k - 1].word if k > 0 else ""
                county_cue = s[t.end : t.end + 1] in ("县", "区", "、") or s[t.end : t.end + 2] in ("两县", "三县") \
                    or s[max(0, t.start - 1) : t.start] == "、" \
                    or (s[t.end : t.end + 1] in _DASHES or s[max(0, t.start - 1) : t.start] in _DASHES) \
                    and self._in_place_list(s, tokens, k, out) \
                    or (s[max(0, t.start - 1) : t.start] in ("和", "及") and out and out[-1].end == t.start - 1
                        and out[-1].rule == "gazetteer") \
                    or (len(prev_word) >= 2 and any(gaz.contains(a, d) for a in gaz.lookup(prev_word) for d in hit))
                # (江苏|江阴, 河南|济源: the province holding it is written right before a county)
                if full or level in ("province", "prefecture") or \
                        (county_cue and (t.tag in ("ns", "nz") or not self._common_word(w)
                                         or self._in_place_list(s, tokens, k, out))):
                    # a short county name must not be the head of a longer word (桥西 of 桥西区)
                    out.append(Mention(t.start, t.end, w, "place", level, "gazetteer"))
                    if w in lex.place_homographs and not full and not self._homograph_cued(s, tokens, k, out[:-1], hit):
                        loose.add((t.start, t.end))  # 各位|来宾, 充足的|日照: the everyday word
                    k += 1
                    continue
            # the text's own compounds: a name followed by 镇/乡/街道/村/社区/小区
            m = suffix_next if t.tag in _SUFFIX_HEAD_TAGS else None
            if m and (m.group() in ("村", "社区", "小区") or m.group() in _VENUE_KINDS) \
                    and t.tag not in ("oov", "ns", "nz", "nr", "j", "nrt"):
                m = None  # 重点村, 红色社区: a common word makes a kind of place, not a place
            if m and len(w) >= 2 and w not in _NOT_PLACE and w[0] not in _PLACE_PREFIX_STOP:
                end = m.end()
                begin = t.start
                prev = tokens[k - 1] if k > 0 else None
                if m.group() in ("小区", "社区", "村") and prev is not None and prev.tag in ("g", "oov", "t", "nz") \
                        and _CJK.match(prev.word) and len(prev.word) <= 2:
                    begin = prev.start  # 明天华城小区, 瞰海轩小区: estate names run over two words
                # the suffix must end a token (镇 of 城镇化 is not a town)
                if any(tt.end == end for tt in tokens[k:k + 4]):
                    inner = re.search("[镇乡]", s[begin + 2 : end - len(m.group()) - 1])
                    if inner:  # 某某镇某某村, cut by jieba across the town's suffix: two places
                        cut = begin + 2 + inner.end()
                        out.append(Mention(begin, cut, s[begin:cut], "place", "township", "suffix"))
                        begin = cut
                    out.append(Mention(begin, end, s[begin:end], "place", lex.place_suffixes[m.group()], "suffix"))
                    while k < n and tokens[k].end <= end:
                        k += 1
                    continue
            prev = tokens[k - 1] if k > 0 else None
            joinable = prev is not None and len(prev.word) == 1 and _CJK.match(prev.word) \
                and prev.tag not in _ORG_LEFT_STOP_TAGS and prev.word not in _PLACE_PREFIX_STOP
            # (or a noun of two characters before a tail jieba did not know: 馒头|营乡, 山盖|沟村,
            # the name cut where jieba found a word in it)
            # (a surname jieba tags a measure word before 村镇 or 庄镇: 段|村镇 is the town 段村镇, named
            # after its village 段村, as northern towns are)
            joinable = joinable or (prev is not None and w in ("村镇", "庄镇", "村乡", "庄乡") and len(prev.word) == 1
                                    and prev.end == t.start and bool(lex.is_surname_start(prev.word, 0)))
            joinable = joinable or (prev is not None and len(w) == 2 and t.tag == "oov" and len(prev.word) == 2
                                    and prev.end == t.start and _ALL_CJK.match(prev.word)
                                    and prev.tag in ("n", "nr", "nz", "ns", "oov", "g") and prev.word not in _NOT_PLACE
                                    and self.seg.tag(w[0]) not in _NOT_NAME_TAGS)  # 干部|联乡: a verb and its object
            if len(w) == 2 and w[-1] in "镇乡村" and joinable and t.tag in ("oov", "ns", "n"):
                pass  # handled by the join below
            elif len(w) >= 2 and w[-1] in "镇乡村" and t.tag in ("oov", "ns") and w[0] not in _PLACE_PREFIX_STOP \
                    and w not in _NOT_PLACE and not self.seg.known(w[:-1] + "们") \
                    and not (len(w) == 2 and self.seg.tag(w[0]) in _NOT_NAME_TAGS):
                level = "village" if w[-1] == "村" else "township"
                out.append(Mention(t.start, t.end, w, "place", level, "suffix-token"))
            elif t.tag in ("nz", "nt") and len(w) >= 4 and (abroad := self._split_by(w, self._is_foreign_place)):
                # 某国某都 that jieba took for one name: a country and its city
                for a, b in abroad:
                    out.append(Mention(t.start + a, t.start + b, w[a:b], "place", lex.world_places[w[a:b]], "world"))
            elif t.tag == "ns" and len(w) >= 3 and w.endswith(_STREET_END) and not w.endswith(_NOT_STREET_END) \
                    and w[0] not in _NOT_PLACE_HEAD and _ALL_CJK.match(w):
                # 某某路, 某某东街: a street jieba knows; a city written before it (某市某某路) is a
                # place of its own
                head = next((j for j in (3, 2) if len(w) - j >= 3 and any(
                    d.level in ("province", "prefecture") for d in gaz.lookup(w[:j]))), 0)
                if head:
                    out.append(Mention(t.start, t.start + head, w[:head], "place",
                                       gaz.lookup(w[:head])[0].level, "gazetteer"))
                out.append(Mention(t.start + head, t.end, w[head:], "place", "other", "street"))
            # (a word jieba calls a place with 人 inside is a saying of its people, 某人治某)
            elif t.tag == "ns" and len(w) >= 2 and w not in _NOT_PLACE and not w.endswith(("路", "街", "道")) \
                    and "人" not in w[1:-1] \
                    and not (w.endswith(("城市", "都市")) and (not gaz.lookup(w[:-1])
                                                             or self.seg.tag(w[:-2]) in ("a", "r", "f", "j", "b", "m", "d"))) \
                    and w not in lex.place_suffixes and w not in ("共和国", "自治区", "自治州", "自治县") \
                    and (w[0] not in _NOT_PLACE_HEAD or any(d.level == "province" for d in gaz.lookup(w[:2]))
                         or (len(w) >= 3 and w[-1] in _FEATURE_END and w[0] in _NUMERAL_HEAD)) \
                    and ((len(w) >= 3 and (w[-1] in "省市县州郡岛湾港" or self._translit_core.issuperset(w)))
                         or (w[-1] in _NATURAL_END and not self._odd_name(w))
                         or (s[max(0, t.start - 2) : t.start].endswith(_TO_PLACE) and len(w) >= 2)
                         or (len(w) >= 4 and self._region_word(w))
                         or self._in_place_list(s, tokens, k, out)
                         or (len(w) == 3 and w[-1] in _LANDMARK_END)
                         or self._split_places(w)):
                # 江汉平原 is one region, not the places 江汉 and 平原 (西藏阿里地区 stays two places)
                parts = self._split_places(w)
                if parts and w[parts[-1][0]:] in lex.region_endings:
                    parts = None
                if parts:
                    for a, b in parts:
                        division = gaz.lookup(w[a:b])
                        out.append(Mention(t.start + a, t.start + b, w[a:b], "place",
                                           division[0].level if division else lex.world_places[w[a:b]],
                                           "gazetteer" if division else "world"))
                elif w.endswith(_AREA_AFTER_NAME) and len(w) >= 4 and w[-3] != "大":  # (某某|大沙漠: one name)
                    # (a world region's desert, 海湾|沙漠, says where and names nothing)
                    if lex.world_places.get(w[:-2]) != "region":
                        out.append(Mention(t.start, t.end - 2, w[:-2], "place", "other", "jieba-ns"))
                else:
                    out.append(Mention(t.start, t.end, w, "place", "other", "jieba-ns"))
                    if w in lex.place_homographs and not self._in_place_list(s, tokens, k, out[:-1]):
                        loose.add((t.start, t.end))  # 在|长达七十年的, 小|塘坝: a common word
            if (not out or out[-1].end <= t.start) and len(w) >= 3 and t.tag not in ("nt", "i"):
                # (an idiom opening with a place's name is no place: 万象|更新)
                head = self._word_head(w)
                if head:
                    # 某国人, 某国籍, 某地回归, 某国女王: jieba kept a place and a common word as one
                    out.append(Mention(t.start, t.start + head[0], w[: head[0]], "place", head[1], "word-head"))
                elif w[0] == "原" and lex.world_places.get(w[1:]) == "country":
                    # 原|某国: a country as it was, named by its name of the time
                    out.append(Mention(t.start + 1, t.end, w[1:], "place", "country", "word-head"))
            if len(w) == 2 and w[1] in "镇乡村" and joinable:
                # jieba cut a town's name through its common tail (慎/城镇)
                out.append(Mention(tokens[k - 1].start, t.end, s[tokens[k - 1].start:t.end], "place",
                                   "village" if w[1] == "村" else "township", "suffix-join"))
            k += 1
        out += self._listed_villages(s, tokens, out)
        if "地区" in s:
            out = self._full_prefectures(out)
        if out:
            out = self._city_sites(out)
        if "市" in s or "省" in s or "州" in s:
            out = self._foreign_divisions(s, tokens, out)
        return out + self._address_tail(s, tokens, out), loose

    def _foreign_divisions(self, s: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
        """A city, province or state abroad no list holds: three or more characters of
        transliteration closed by 市/省/州 (前往|某某迪亚市|附近, 某某赞省的, 出|某贝尔某森市): the
        suffix says what the name is, whether jieba read it as an unknown word or as a person's
        name. The run starts a word and the suffix ends one (市场, 省份 are words of their own); a
        place found already over the run is kept as it is, one inside the run gives way."""
        starts = {t.start for t in tokens}
        ends = {t.end for t in tokens}
        translit = self._translit
        # (str.find for the three suffixes, not a walk over every character of the sentence)
        at = sorted(p for c in "市省州" for p in _find_all(s, c) if p + 1 in ends)
        for p in at:
            c = s[p]
            k = p
            while k > 0 and p - k < 7 and s[k - 1] in translit:
                k -= 1
            while k < p - 2 and k not in starts:
                k += 1  # (the run opens where a word does: 西部|某某省, not 部…)
            if p - k < 3 or k not in starts or s[k:p] in self.lex.world_places or self.gaz.lookup(s[k:p]):
                continue
            if any(m.start < k < m.end or (m.start <= k and p < m.end) for m in found):
                continue  # a place or word over the run's start holds it already
            found = [m for m in found if not (k <= m.start and m.end <= p + 1)]
            found.append(Mention(k, p + 1, s[k : p + 1], "place", "city" if c == "市" else "province", "foreign-division"))
        return sorted(found, key=lambda m: m.start)

    def _city_sites(self, found: list[Mention]) -> list[Mention]:
        """A site's name written right after its city's (某市|某某机场, 某地|某某宾馆): the name the
        site goes by, one place, the city named within it. A city's name before the bare kind
        (某市机场, 某国某都机场) names the city too."""
        out: list[Mention] = []
        for m in found:
            prev = out[-1] if out else None
            if m.type != "place" or not m.text.endswith(_CITY_SITE_END):
                out.append(m)  # (nearly all mentions)
            elif prev is not None and prev.end == m.start and m.rule in ("suffix", "site-word") \
                    and prev.rule == "gazetteer" and prev.subtype in ("province", "prefecture", "county") \
                    and m.text not in _CITY_SITE_END:
                # (the city is named too, as in a body's name: `kg ner`, outermost spans only, drops it)
                out[-1] = Mention(prev.start, m.end, prev.text + m.text, "place", m.subtype, "city-site")
                out.append(replace(prev, rule="inner-place"))
            else:
                out.append(m)
                head = m.text[: -len(next(e for e in _CITY_SITE_END if m.text.endswith(e)))]
                level = self._province_or_prefecture(head) or ("city" if self.lex.world_places.get(head) == "city" else None)
                if m.rule == "suffix" and level and len(head) >= 2:
                    out.append(Mention(m.start, m.start + len(head), head, "place", level, "inner-place"))
        return out

    def _full_prefectures(self, found: list[Mention]) -> list[Mention]:
        """A prefecture's 地区 written after its province's full name or its country (某某省|某某地区,
        中国|某某地区): the full name of one place, as an address gives it (a province's short name
        before it, 西藏|阿里地区, is a place of its own)."""
        out: list[Mention] = []
        for m in found:
            prev = out[-1] if out else None
            if prev is not None and prev.end == m.start and m.text.endswith("地区") and len(m.text) >= 4 \
                    and prev.rule in ("gazetteer", "world") and (prev.text.endswith("省") or prev.subtype == "country") \
                    and any(d.level == "prefecture" for d in self.gaz.lookup(m.text[:-2])):
                out[-1] = Mention(prev.start, m.end, prev.text + m.text, "place", "prefecture", "full-prefecture")
                continue
            out.append(m)
        return out

    def _listed_villages(self, s: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
        """Names listed before 等村, 等乡, 等两个乡镇 (某坂、某塘、某坪等村): villages and towns,
        however jieba cut or tagged them, unless a name is a common word."""
        if "等" not in s or "、" not in s:
            return []  # most sentences
        out = []
        starts = {t.start: t for t in tokens}
        taken = [(m.start, m.end) for m in found]
        for m in _LISTED_PLACES.finditer(s):
            level = "village" if m.group(2)[-1] == "村" else "township"
            items, pos = [], m.start(1)
            for item in m.group(1).split("、"):
                items.append((pos, pos + len(item)))
                pos += len(item) + 1
            a, b = items[0]
            # the list's first name is the word before its first 、 (the text before it is the sentence's)
            first = next((t for t in tokens if t.end == b), None)
            if first is None or not 2 <= first.end - first.start <= 3:
                items = items[1:]
            else:
                items[0] = (first.start, b)
            for a, b in items:
                w = s[a:b]
                if a not in starts or w[0] in _FUNCTION_CHARS or w in _NOT_PLACE or any(x < b and a < y for x, y in taken) \
                        or (self.seg.known(w) and self.seg.tag(w) not in ("ns", "nr", "nrt", "nz")):
                    continue
                out.append(Mention(a, b, w, "place", level, "listed-village"))
        return out

    def _word_head(self, w: str) -> tuple[int, str] | None:
        """The country, world region or province a word jieba keeps whole opens with, and its
        level, when the rest is a common word (某国|人, 某国|籍, 某岛|回归, 某国|女王, 某国|国情):
        not a longer place's name (某某|斯坦, 某某|共和国, 某某|兰州), a region's kind (某某|地区)
        or a name."""
        lex = self.lex
        if w in lex.world_places or self.gaz.lookup(w):
            return None
        if w[0] == "原" and lex.world_places.get(w[1:]) == "country":
            return None  # (原|某国, the country of the time: `_places` names it from its second character)
        for j in (4, 3, 2):
            if len(w) - j < 1:
                continue
            head, rest = w[:j], w[j:]
            level = lex.world_places.get(head)
            if level is None:
                level = next((d.level for d in self.gaz.lookup(head)
                              if d.name == head and d.level in ("province", "prefecture")), None)
            if level is None or head in _NOT_PLACE:
                continue
            if rest in _PEOPLE_OF_PLACE or (
                    len(rest) >= 2 and self.seg.known(rest) and self.seg.tag(rest) not in _NOT_HEAD_REST_TAGS
                    # (a foreign city's name is often a word too: a verb after it makes a phrase, 万象|更新)
                    and (level != "city" or self.seg.tag(rest) in ("n", "nz", "vn", "j"))
                    and rest not in lex.region_endings and rest not in lex.place_suffixes
                    and not lex.org_suffix_re.fullmatch(rest) and rest not in lex.world_places
                    and not self.gaz.lookup(rest)):
                return j, level
            return None  # the longest place the word opens with decides
        return None

    def _in_place_list(self, s: str, tokens: list[Token], k: int, found: list[Mention]) -> bool:
        """The word stands in a list of places (瓮安、福泉、|贵定): the place before it was found,
        or the word after the 、 is a division's or a country's name."""
        t = tokens[k]
        if t.tag in ("f", "s", "m", "d", "v", "t", "r"):
            return False  # 南部, 北部 in a list of regions: directions, whatever county shares the name
        if s[t.start - 1 : t.start] == "、" and found and found[-1].end == t.start - 1 and found[-1].rule in ("gazetteer", "world"):
            return True
        if s[t.end : t.end + 1] == "、" and k + 2 < len(tokens):
            nxt = tokens[k + 2].word
            if any(d.name == nxt or d.level != "county" for d in self.gaz.lookup(nxt)) \
                    or self.lex.world_places.get(nxt) == "country":
                return True
        # a neighbour across 、 or 和 is a division of the same province (平昌、苍溪和内江): a
        # list of one province's counties, however common the words their short names are
        hits = self.gaz.lookup(t.word)
        for j in (k - 2, k + 2):
            if 0 <= j < len(tokens) and s[min(t.end, tokens[j].end) : max(t.start, tokens[j].start)] in _LIST_JOINS:
                if any(a.code[:2] == b.code[:2] and a.code != b.code for a in hits for b in self.gaz.lookup(tokens[j].word)):
                    return True
        return False

    def _named_kind(self, tokens: list[Token], k: int) -> int:
        """How many tokens after a name say the kind of place it is (某某|市, 某某|高原), or 0."""
        t = tokens[k]
        w = t.word
        if k + 1 >= len(tokens) or t.tag not in ("nr", "nrt", "ns") or len(w) < 2 or w in _NOT_PLACE \
                or w[0] in _NOT_PLACE_HEAD or not _CJK.match(w):
            return 0
        nxt = tokens[k + 1].word
        foreign = self._translit.issuperset(w) and not self.gaz.lookup(w)
        if nxt in self.lex.region_endings:
            # (非洲|草原, 海湾|沙漠: a world region and what lies in it, not a named region)
            # (某市|地区: a prefecture of the gazetteer jieba took for a name, named in full)
            prefecture = nxt == "地区" and any(d.level == "prefecture" for d in self.gaz.lookup(w))
            return 1 if (t.tag == "ns" or foreign or prefecture) and self._region_word(w + nxt) \
                and self.lex.world_places.get(w) != "region" else 0
        if nxt in _FOREIGN_KIND and foreign:
            return 1  # 斯塔万格|市, 乔治亚|岛: a foreign name; China's cities are the gazetteer's
        return 0

    def _cued_place(self, s: str, tokens: list[Token], k: int) -> bool:
        """A name jieba calls a person's that the sentence shows is a place: the dateline's
        (本报某某1月9日电, 新华社某国某某1月11日电) or where something is held (在某某举行)."""
        t = tokens[k]
        prev = tokens[k - 1].word if k > 0 else ""
        if _DATELINE.match(s, t.end):
            return prev.endswith(("本报", "新华社", "社")) or self.lex.world_places.get(prev) == "country"
        if s[t.end : t.end + 2] in _AT_PLACE_AFTER:
            return prev in ("在", "于") and self._translit.issuperset(t.word)
        return False

    def _homograph_cued(self, s: str, tokens: list[Token], k: int, found: list[Mention], hit) -> bool:
        """Whether the sentence says an everyday word that shares a division's name (来宾, 日照)
        is the place: a verb of place right before it (在某某, 到某某), a list of places around
        it, or the place holding it right before (某省|某某)."""
        t = tokens[k]
        if s[max(0, t.start - 2) : t.start].endswith(_TO_PLACE) or self._in_place_list(s, tokens, k, found):
            return True
        prev = tokens[k - 1].word if k > 0 else ""
        return len(prev) >= 2 and any(self.gaz.contains(a, d) for a in self.gaz.lookup(prev) for d in hit)

    def _common_head(self, w: str) -> bool:
        """A word of jieba's dictionary that is not a name (小康, 铁路, 清真)."""
        return self.seg.known(w) and self.seg.tag(w) not in ("ns", "nr", "nrt", "nz", "nrfg", "j")

    def _rare_third(self, s: str, i: int, j: int, bounds) -> bool:
        """Whether s[j], after a surname and one given character s[i:j], is the name's third
        character (林仁|碧|作为, 陈绪|豹|刚): jieba left it alone, it is rare in running text and no
        verb or function word, and makes no word with what follows."""
        if j - i != 2 or j + 1 > len(s) or not (j in bounds and j + 1 in bounds) or not _CJK.match(s[j]):
            return False
        c = s[j]
        return c not in _AFTER_NAME and self._names.background_logp(c) < _RARE_CHAR_LOGP \
            and self.seg.tag(c) in _NOUNISH_CHAR_TAGS \
            and not (self.seg.known(s[j : j + 2]) and self.seg.tag(s[j : j + 2]) not in ("nr", "ns", "nz"))

    def _name_as_time(self, w: str) -> bool:
        """A person's name jieba's dictionary tags as a time word (a famous name among its
        entries): a surname and two given characters, no character of time, shaped like a name."""
        return len(w) == 3 and bool(self.lex.is_surname_start(w, 0)) and self.seg.tag(w) == "t" \
            and not any(c in _TIME_CHARS for c in w) \
            and self._names.score(w) >= _NAME_SCORE_TIME

    def _region_word(self, w: str) -> bool:
        """A region named by the kind of area it is (四川盆地, 汉水流域, 台湾地区), the ending looked
        up, not every ending tried."""
        for k in range(2, len(w) - 1):
            if w[k:] in self.lex.region_endings:
                head = w[:k]
                # 沿海地区, 周边地区 say where; 欧洲地区, 亚太地区 are the world region itself, named
                # without 地区 (a province's or prefecture's 地区 stays: 台湾地区, 铜仁地区)
                return not (w[k:] == "地区" and (self.seg.tag(head) in ("f", "s", "a", "b")
                            or (self.lex.world_places.get(head) == "region" and not self.gaz.lookup(head))))
        return False

    def _address_tail(self, s: str, tokens: list[Token], places: list[Mention]) -> list[Mention]:
        """Towns and villages named right after the place holding them (某县|白沙镇, 某市的|石桥乡、
        |青山乡): an address runs from the larger place to the smaller, so a name of 2–4
        characters closed by 镇/乡/村/街道 there is a place, however jieba cut or tagged it."""
        anchors = sorted({m.end for m in places if m.type == "place" and (
            m.subtype in ("province", "prefecture", "county", "township") or m.text[-1] in "省市县区州旗盟")})
        if not anchors or not ("镇" in s or "乡" in s or "村" in s or "街" in s or "路" in s or "庄" in s or "屯" in s):
            return []  # most sentences: no division to hang an address on, or no suffix to close one
        tok_ends = {t.end for t in tokens}
        tok_starts = {t.start for t in tokens}
        glued = {t.start: t for t in tokens if len(t.word) >= 2 and t.word[0] in "镇乡村"}
        taken = [(m.start, m.end) for m in places]
        out: list[Mention] = []
        for e in anchors:
            pos = e
            while True:
                if s[pos : pos + 1] in ("的", "、") and out and pos == out[-1].end or s[pos : pos + 1] == "的" and pos == e:
                    pos += 1
                # (a place word that is the town's name without its suffix, 某县|临河|乡, is no stop:
                # the town is read whole and beats the word)
                if any(a <= pos < b and not (a == pos and s[b : b + 1] in "镇乡村") for a, b in taken):
                    break
                got = None
                for L in (2, 3, 4):
                    if s[pos + L : pos + L + 1] not in _ADDRESS_SUFFIX_FIRSTS:
                        continue  # (no suffix starts there: the eight are not tried one by one)
                    stem = s[pos : pos + L]
                    for suffix in _ADDRESS_SUFFIXES:
                        end = pos + L + len(suffix)
                        if s[pos + L : end] != suffix or not _ALL_CJK.match(stem) \
                                or suffix in _STREET_OR_HAMLET and (L > 3 or pos not in tok_starts
                                                                    or s.endswith(_NOT_STREET_END, pos, end)
                                                                    or self.lex.place_suffix_re.match(s, end)) \
                                or end not in tok_ends and not self._glued_suffix(glued.get(pos + L)):
                            continue
                        if stem[0] in _FUNCTION_CHARS or stem in _NOT_PLACE or stem + suffix in _NOT_PLACE \
                                or any(c in "的和与及、" for c in stem) or self._common_word(stem + suffix) \
                                and self.seg.tag(stem + suffix) != "ns" or s[end - 2 : end] in _NOT_PLACE \
                                or any(t.tag in _NOT_NAME_TAGS for t in tokens if pos <= t.start and t.end <= pos + L) \
                                or any(t.start < pos + L < t.end and t.tag in ("v", "vn") for t in tokens):
                            # (某省|文化|下乡: the suffix's character is inside a verb, 下乡, 进村, not a town's end)
                            continue
                        got = Mention(pos, end, s[pos:end], "place", self.lex.place_suffixes.get(suffix, _STREET_OR_HAMLET.get(suffix)),
                                      "address-tail")
                        break
                    if got:
                        break
                if got is None:
                    break
                out.append(got)
                taken.append((got.start, got.end))
                pos = got.end
        return out

    def _glued_suffix(self, tok: Token | None) -> bool:
        """Whether jieba glued a place's suffix to what follows it into one word (某某乡|像…
        read 乡像, 某某村|农民 read 村农民): a word it does not know, or the suffix before a
        word of its own; not 村民, 乡镇, 镇长, words that open with the suffix's character."""
        if tok is None:
            return False
        rest = tok.word[1:]
        if tok.tag == "oov":
            return not self.seg.known(tok.word[:2]) and _ALL_CJK.match(tok.word) is not None
        return len(rest) >= 2 and self.seg.known(rest) and not self.seg.known(tok.word[:2])

    def _split_places(self, w: str) -> list[tuple[int, int]] | None:
        """A word jieba keeps whole (上海市浦东新区) split into gazetteer names, or (某国某都)
        into foreign countries and cities, or None. The two are not mixed: a foreign name may
        hold a Chinese one (马里|兰州 of a state's name) by chance."""
        return self._split_by(w, lambda x: bool(self.gaz.lookup(x))) or self._split_by(w, self._is_foreign_place)

    def _is_foreign_place(self, w: str) -> bool:
        return self.lex.world_places.get(w) in ("country", "city")

    @staticmethod
    def _split_by(w: str, is_place) -> list[tuple[int, int]] | None:
        out, i = [], 0
        while i < len(w):
            for j in range(len(w), i + 1, -1):
                if is_place(w[i:j]):
                    out.append((i, j))
                    i = j
                    break
            else:
                return None
        return out if len(out) >= 2 else None

    # ---- organizations -------------------------------------------------------------------
    def _orgs(self, s: str, tokens: list[Token], places: list[Mention], heads: list[re.Match]) -> list[Mention]:
        lex = self.lex
        out: list[Mention] = []
        suffixes = list(lex.org_suffix_re.finditer(s))
        org_names = lex.org_names
        named = [t for t in tokens if t.tag == "nt" or t.word in org_names]
        # (six sentences in ten have neither a body's ending nor a body's word: no token map then)
        tok_at_end = {t.end: i for i, t in enumerate(tokens)} if suffixes or named else {}
        head_spans = [(m.start(), m.end()) for m in heads]
        head_ends = {b for _, b in head_spans}
        place_ends = {p.end: p for p in places}
        for m in suffixes:
            suffix = m.group()
            end = m.end()
            cls, strong = lex.org_suffixes[suffix]
            # the suffix must close a token: 局 of 局面 or 部 of 部署 is no agency
            if end not in tok_at_end:
                continue
            last = tokens[tok_at_end[end]]
            # a weak suffix stands alone as a token, or ends a word jieba does not know or calls
            # an organization (卫健局); 部署, 局面 and 内部 are ordinary words
            if not strong and last.word != suffix and not (
                last.tag in ("oov", "nt", "nz", "j") or last.word in lex.abbreviations
                or (last.tag == "n" and len(last.word) >= 3 and tok_at_end.get(last.start) is not None
                    and self._anchor(tokens[tok_at_end[last.start]]) and tokens[tok_at_end[last.start]].tag in ("ns", "nt"))
                or self._ministry_word(last)
                or (last.tag == "n" and len(last.word) >= 3 and self._placed_noun_run(tokens, tok_at_end, last))
                or (suffix == "队" and last.tag == "nr" and len(last.word) == 3)  # 蓝剑队: a team, not a person
                or (last.tag == "m" and last.word != suffix and self.seg.tag(last.word[: -len(suffix)]) == "nz")  # 八一队
                or self._level_committee(s, tokens, tok_at_end, suffix, last)
            ):
                continue
            if _ends_with_any(last.word, lex.org_false_tails):
                continue  # 新格局, 研究部署, 中西部: the word ends in 格局, 部署, 西部, no body word
            if _ends_with_any(s[max(0, end - 6) : end], lex.org_sent_groups):
                continue  # 某国代表团, 省卫健委专家组: a group its sender names; the sender is the mention
            if last.word.endswith("当局") or (last.word == suffix and len(suffix) == 1 and last.tag in ("v", "vn", "d")):
                continue  # 资源办大事: 办 the verb
            if last.tag == "oov" and last.word != suffix and (last.word[0] in _FUNCTION_CHARS or last.word[0] == "不"):
                continue  # 不办, 对党: a phrase jieba did not know, ending in a suffix's character
            if any(a < end <= b for a, b in head_spans):
                continue  # 县委常委: the 委 belongs to the post 常委
            if suffix in lex.title_bodies and lex.title_re.match(s, end) \
                    and not any(p.end == end - len(suffix) and p.subtype == "other" for p in places):
                continue  # 卫健委党委|副书记: the 党委 is part of the post (but 某开发区管委会|主任: a zone's own body)
            # a whole body in one word (外交部, 国家计委, 现政府) takes only the places and bodies it
            # belongs to before it: 国务院委托|国家计委, 中国主张|安理会, 抗议|现政府 are sentences
            whole = last.word != suffix and last.tag == "nt" and len(last.word) >= 3
            start = self._extend_left(s, tokens, tok_at_end, end - len(suffix) if last.word == suffix else last.start,
                                      head_ends,
                                      places_only=suffix in _PARTY_SUFFIXES or (suffix == "委" and last.word == "委"),
                                      owners_only=whole, ministry=last.word != suffix and self._ministry_word(last),
                                      line_head=last.word in lex.org_line_heads,
                                      bridge=strong or last.word != suffix or suffix == "中心")
            if start is None:
                continue
            name = s[start:end]
            if name.endswith("街道办事处"):
                continue  # a street office is the street: a place
            if _TERM_IN_NAME.search(name) and _SESSION_AFTER.match(s, end):
                continue  # 政协某市第九届委员会|第一次会议: a term's session, a meeting's name, no body's
            # abbreviations written whole (卫健委) are their own jieba word: allow a bare level before
            if name in lex.org_stoplist or len(name) < 2 or name in lex.org_suffixes:
                continue
            if self._generic_org(name, start, end, places):
                continue
            if name[0] in _FUNCTION_CHARS and not any(p.start == start for p in places) \
                    and name[:2] not in lex.world_places and name[:3] not in lex.world_places:
                continue  # 和平共处, 对外部: a word opening with a function character is no body
            body = name[: -len(suffix)] if name.endswith(suffix) else name
            if not self._org_has_name(name, body, start, end, tokens, place_ends, strong, last) \
                    and not self._named_by_line(s, tokens, tok_at_end, start, last):
                continue
            if self._cut_name(tokens, tok_at_end, start, last):
                continue
            out.append(Mention(start, end, name, "organization", cls, "suffix"))
        # jieba's own organization words (新华社, 联合国) where no suffix rule fired
        for t in named:
            if t.word in org_names:
                # the place or country a federation or council belongs to is its name's (某某市|妇联)
                start = t.start
                k = tok_at_end.get(start)
                while k is not None and t.start - start < 8:
                    p = tokens[k]
                    # (a county's short name is too often a word: 会同|证监会)
                    if not (any(d.name == p.word or d.level != "county" for d in self.gaz.lookup(p.word))
                            or self.lex.world_places.get(p.word) == "country"
                            or p.word in ("中国", "全国") or (len(p.word) == 1 and p.word in _LEVELS)):
                        break
                    start = p.start
                    k = tok_at_end.get(start)
                out.append(Mention(start, t.end, s[start : t.end], "organization", lex.org_names[t.word], "known-body"))
            elif t.tag == "nt" and len(t.word) >= 3 and (t.word not in lex.org_stoplist or t.word.endswith("政府")) \
                    and (t.word[-1] in _NT_END or t.word[-2:] in _NT_END2 or t.word[-1] in "央联协") \
                    and not (t.word[-1] in _NT_END and self.seg.known(t.word[-2:]) and t.word[-2:] not in lex.org_suffixes
                             and self.seg.tag(t.word[-2:]) != "nt" and not self._unit_word(t.word)) \
                    and not lex.title_re.search(t.word[-3:]) and not t.word.endswith("当局") \
                    and t.word not in lex.abbreviations and t.word not in lex.org_suffixes \
                    and not _ends_with_any(t.word, lex.org_false_tails) \
                    and not _ends_with_any(t.word, lex.org_sent_groups) \
                    and not _ends_with_any(t.word, lex.event_nouns):
                # a body whose word already names its country or place (中国共产党, 泰国政府) takes
                # only its owners before it: 积极响应|中国共产党 is a sentence
                start = self._extend_left(s, tokens, tok_at_end, t.start, head_ends,
                                          owners_only=self._self_placed(t.word))
                if start is None:
                    continue
                if t.word in lex.org_stoplist and (start == t.start or self._generic_org(s[start : t.end], start, t.end, places)):
                    continue  # 联合政府 alone is a kind; 某党|联合政府 names one
                out.append(Mention(start, t.end, s[start : t.end], "organization", "Organization", "jieba-nt"))
        out = [_party_of_government(m) for m in out]
        # keep the longest of nested candidates ending at the same place
        out.sort(key=lambda m: (m.end, m.start))
        best: dict[int, Mention] = {}
        for m in out:
            if m.end not in best or m.start < best[m.end].start:
                best[m.end] = m
        kept = self._with_departments(s, tokens, self._with_units(s, tokens, sorted(best.values(), key=lambda m: m.start)))
        kept = self._numbered_units(s, self._unnamed_units(s, tokens, kept), places)
        # chains of bodies (县委宣传部, 市第五医院康复中心): the outer span wins, inner ones stay
        # as their own mentions only when they start at the same place (parents), resolved later
        return kept

    def _unit_word(self, w: str) -> bool:
        """One word of a body and its unit (北京大学数学力学系): a unit that needs a kind of
        body before it, with that body's ending inside the word before the unit's subject."""
        for unit, parents in self.lex.org_subunits.items():
            if parents and w.endswith(unit) and any(p in w[: -len(unit) - 1] for p in parents):
                return True
        return False

    def _owned_name(self, w: str) -> bool:
        """A word opening with a country, a province or the nation (广东省, 中国金币总公司, 国家计委):
        what follows is named by an owner of its own, not by the body before it."""
        if w.startswith(("中国", "国家", "全国", "中央", "中共")):
            return True
        for j in range(2, min(len(w), 5) + 1):
            if self.lex.world_places.get(w[:j]) == "country" or any(d.level == "province" for d in self.gaz.lookup(w[:j])):
                return True
        return False

    def _with_departments(self, s: str, tokens: list[Token], orgs: list[Mention]) -> list[Mention]:
        """A body followed by a department named by its line of work (某部|外资司, 某检察院|宣传处,
        某政协|办公厅, 某协会|青年工作委员会): the department has no name but the body's, so the
        two are one name; a department named by a place or a person of its own stays apart."""
        if not orgs:
            return orgs  # most sentences: no body, no token map
        lex = self.lex
        at = {t.start: k for k, t in enumerate(tokens)}
        out = []
        for o in orgs:
            k = at.get(o.end)
            end = None
            line = 0  # characters of the line of work read so far
            for n in range(k, min(k + 3, len(tokens))) if k is not None else ():
                t = tokens[n]
                w = t.word
                named_like = t.tag in ("nr", "oov") and len(w) == 3 and w[-1] in _DEPT_END \
                    and self.seg.tag(w[:-1]) in ("n", "vn")  # 宣传处, 宣传司: jieba calls them names
                if not _ALL_CJK.match(w) or (t.tag not in ("n", "vn", "nz", "nt", "j", "t") and w not in _DEPT_END
                                             and not named_like):
                    break
                if w in lex.title_heads or lex.title_re.fullmatch(w) or _ends_with_any(w, lex.org_false_tails) \
                        or w in lex.org_sent_groups or self.gaz.lookup(w) or w in lex.world_places:
                    break  # 某局|局长, 某部|西部, 某厅|工作组, 某院|北京: no department of the body
                stem = w[:-1] if w[-1] in _DEPT_END else (w[:-3] if w.endswith("委员会") else None)
                if stem is not None and line + len(stem) >= 2 and (stem == "" or not self.seg.known(w) or len(stem) >= 2):
                    end = t.end
                    break
                line += len(w)
            if end is not None and s[end : end + 1] not in ("长",):
                o = replace(o, end=end, text=s[o.start : end], rule="department")
            out.append(o)
        return out

    def _with_units(self, s: str, tokens: list[Token], orgs: list[Mention]) -> list[Mention]:
        """A body followed by one of its units (某大学|物理系, 某大学|麦迪逊|分校, 某银行|董事会):
        the unit is named by the body, so the two are one name, whatever the words between
        (a place or a name, at most two) would say on their own."""
        units = self.lex.org_subunits
        if not units or not orgs:
            return orgs

        def unit_end(o, k, n, t):
            w = t.word
            if not _ALL_CJK.match(w):
                return False
            unit = next((u for u in units if w.endswith(u) and (len(w) > len(u) or n > k or len(u) >= 2)), None)
            if unit is None:
                return False if t.tag in _NOT_NAME_TAGS or t.tag == "v" else None
            if units[unit] and not (o.text.endswith(units[unit]) and (
                    (len(w) >= len(unit) + 2 and n == k)
                    or (w == unit and n == k + 1 and tokens[k].tag in ("n", "nz", "nt", "vn") and len(tokens[k].word) >= 2))):
                return False  # 系 only right after a university, with its subject (物理系, 广告学|系; not 关系)
            if unit in self.lex.title_bodies and self.lex.title_re.match(s, t.end):
                return False  # 某中心党委|副书记: the post keeps its 党委 (the body is named by `_post_bodies`)
            return t.end, o.subtype

        return self._join_after(s, tokens, orgs, 3, unit_end)

    def _join_after(self, s: str, tokens: list[Token], orgs: list[Mention], width: int, read) -> list[Mention]:
        """Each body joined with the unit written right after it: `read(body, k, n, token)` looks
        at the n-th token after the body (k the first) and says go on (None), stop (False) or
        where the unit ends and its kind; the body then reaches over the unit (rule "unit")."""
        if not orgs:
            return []  # most sentences: no body, no token map
        at = {t.start: k for k, t in enumerate(tokens)}
        out = []
        for o in orgs:
            k = at.get(o.end)
            found = None
            for n in range(k, min(k + width, len(tokens))) if k is not None else ():
                t = tokens[n]
                if t.tag == "oov" and t.word[0] in _FUNCTION_CHARS:
                    break  # 某公司|向市|红十字会: a preposition opens the sentence's next phrase, no unit's name
                found = read(o, k, n, t)
                if found is not None:
                    break
            if found:
                end, subtype = found
                o = replace(o, end=end, text=s[o.start : end], subtype=subtype, rule="unit")
            out.append(o)
        return out

    def _unnamed_units(self, s: str, tokens: list[Token], orgs: list[Mention]) -> list[Mention]:
        """A body written right after another with no name of its own (某军区|前进|话剧团,
        某公安处|警务|督察|大队, 某专科学校|戎发|制药厂): only its line of work stands between the
        two, so the body before names it and the two are one name. A place, a person, a post or
        a function word between them ends the chain (某局|委托|某省某局 is a sentence)."""
        lex = self.lex

        def unit_end(o, k, n, t):
            w = t.word
            # a verb only as the line of work of a body word right after it (督察|大队);
            # 签订|轧钢厂, 变成|某俱乐部 are clauses
            verb = t.tag == "v" and len(w) == 2 and n + 1 < len(tokens) and _ends_with_any(
                tokens[n + 1].word, _strong_org_suffixes())  # (its endings looked up, not every suffix tried)
            if not _ALL_CJK.match(w) or (t.tag not in ("n", "vn", "an", "nz", "oov", "b") and not verb
                                         and not (t.tag == "nt" and w in lex.org_suffixes)) \
                    or (len(w) == 1 and w not in lex.org_suffixes) or w in ("直属", "附属") \
                    or any(d.name == w or d.level != "county" for d in self.gaz.lookup(w)) \
                    or w in lex.world_places or w in _CLAUSE_VERBS \
                    or w in lex.event_triggers or w in lex.title_heads or lex.title_re.fullmatch(w) \
                    or w in lex.person_nouns or w in _OWNERSHIP or w in lex.org_sent_groups:
                return False
            suffix = next((w[j:] for j in range(len(w)) if w[j:] in lex.org_suffixes), None)  # the longest
            if suffix is None:
                return None
            cls, strong = lex.org_suffixes[suffix]
            if (not strong and len(w) < 3) or (w in lex.org_stoplist and w not in lex.org_suffixes) \
                    or _ends_with_any(w, lex.org_false_tails) \
                    or _ends_with_any(w, lex.event_nouns) or t.end - o.end < 3:
                return False  # 某局|全局, 某公司|新格局: no body word
            if suffix in lex.title_bodies and lex.title_re.match(s, t.end):
                return False  # 某中心党委|副书记: the post keeps its 党委
            return t.end, cls  # the unit's kind, not its parent's

        return self._join_after(s, tokens, orgs, 4, unit_end)

    def _numbered_unit_end(self, s: str, pos: int) -> tuple[int, str] | None:
        """Where the numbered units written from `pos` on end (某总队|一|总队|十|支队 reads two),
        and the last one's kind; None when no number and unit stand there."""
        found = None
        units = self.lex.numbered_units
        while pos < len(s) and s[pos] in _UNIT_NUMBER_FIRSTS:
            m = _numbered_unit_re().match(s, pos)
            if m is None or (len(m.group(1)) == 1 and (s[m.end() : m.end() + 1] in _NOT_AFTER_UNIT
                                                        or self.seg.known(s[m.end() - 1 : m.end() + 1]))):
                break  # (三|小组, 一|厂长: the unit's character opens a word of the sentence)
            pos = m.end()
            found = (pos, units[m.group(1)])
        return found

    def _numbered_units(self, s: str, orgs: list[Mention], places: list[Mention]) -> list[Mention]:
        """A body followed by a unit it numbers (某军区|251医院, 某公司|第二加油站, 某总队|十支队),
        maybe with its place between (某警|某市|一总队): the unit has no name but its owner's and
        its number, so the owner, the number and the unit are one name."""
        out = []
        for o in orgs:
            found = self._numbered_unit_end(s, o.end) if s[o.end : o.end + 1] in _UNIT_NUMBER_FIRSTS else None
            if found:
                o = replace(o, end=found[0], text=s[o.start : found[0]], subtype=found[1], rule="unit")
            out.append(o)
        for p in places:
            if s[p.end : p.end + 1] not in _UNIT_NUMBER_FIRSTS:
                continue  # (most places: nothing numbered after them)
            # a body right before the place owns the unit (某警|某市|一总队): one name. A place
            # alone before a number and a unit (某市|三医院) is left be: read so on held-out pages,
            # it made more wrong names than right ones
            k = next((i for i, o in enumerate(out) if o.end == p.start), None)
            found = self._numbered_unit_end(s, p.end) if k is not None else None
            if found:
                o = out[k]
                out[k] = replace(o, end=found[0], text=s[o.start : found[0]], subtype=found[1], rule="unit")
        return out

    def _teams(self, s: str, tokens: list[Token], taken: list[Mention]) -> list[Mention]:
        """Clubs named like their city or by a transliteration (米兰, 切尔西) where a match is
        told of: 击败|某某, 某某|主场, 某某|2-1…: in sports news the city is the team."""
        words = self.lex.league_words
        # (a word jieba did not know may hold one: 某某亚盘|解析; the words are looked at only
        # where the sentence holds one of them at all, which most do not)
        league = _league_in_word().search(s) is not None and any(
            t.word in words or t.tag == "oov" and len(t.word) > 2 and _league_in_word().search(t.word) for t in tokens)
        if not league and not _MATCH_CUE.search(s) and not _TEAM_RECORD.search(s):
            return []
        out = []
        for k, t in enumerate(tokens):
            w = t.word
            if t.tag not in ("ns", "nr", "nrt", "nz", "oov") or len(w) < 2 or not _ALL_CJK.match(w) \
                    or any(c in "而和与及或且并" for c in w) \
                    or any(m.start < t.end and t.start < m.end for m in taken):
                continue
            if len(w) == 3 and t.tag in ("nr", "oov") and self._surname_shaped(w) and not self.gaz.lookup(w):
                continue  # 战胜|某某某 at chess or table tennis: a player, clubs are not named like people
            before, after = s[max(0, t.start - 2) : t.start], s[t.end : t.end + 4]
            if before in _TEAM_BEFORE or after.startswith(_TEAM_AFTER) or _SCORE.match(after) or _TEAM_RECORD.match(after) \
                    or _SCORE.search(s[max(0, t.start - 6) : t.start] + "$") and s[t.start - 1 : t.start] in " " \
                    or _VERSUS.match(after) or _VERSUS.search(s[max(0, t.start - 3) : t.start] + "$"):
                out.append(Mention(t.start, t.end, w, "organization", "Organization", "team-context"))
        # a football report or a betting tip (足彩, 上轮, 主场 anywhere in the sentence) names its
        # clubs by their city alone (某城稳胜, 客胜某城): a foreign city is the club there, unless a
        # verb of place makes it where (在某城). (A transliterated name jieba calls a place is as
        # often a player's or a politician's there: left alone.)
        lex = self.lex
        if league:
            spans = {(m.start, m.end) for m in out}
            for k, t in enumerate(tokens):
                w = t.word
                prev = tokens[k - 1].word if k else ""
                if prev in lex.world_places or self.gaz.lookup(prev):
                    continue  # 某国|某城: the city of an address, not a club
                if (t.start, t.end) in spans or len(w) < 2 or not _ALL_CJK.match(w) \
                        or any(m.start < t.end and t.start < m.end for m in taken):
                    continue
                kind = lex.world_places.get(w)
                if kind != "city":
                    continue
                if s[max(0, t.start - 3) : t.start].endswith(_TO_PLACE + ("从", "于", "远征", "回") + _PLAYER_ROLES) \
                        or s.startswith(lex.person_cues_after, t.end) or s.startswith((_DERBY,) + _TOURNAMENTS, t.end) \
                        or s[t.start - 1 : t.start] == "·" or s[t.end : t.end + 1] == "·":
                    continue  # (某某因伤缺阵, 队长|某某, 范·某某: a player)
                out.append(Mention(t.start, t.end, w, "organization", "Organization", "team-context"))
        # the other side of a match: 曼联和|切尔西, 罗马、|拉齐奥 next to a team is a team
        teams = {(m.start, m.end) for m in out}
        # the club named again in the sentence is the club (阿森纳对桑德兰…，阿森纳连胜)
        names = {m.text for m in out}
        for t in tokens:
            if t.word in names and (t.start, t.end) not in teams and not s.startswith(_DERBY, t.end) \
                    and not any(m.start < t.end and t.start < m.end for m in taken):
                out.append(Mention(t.start, t.end, t.word, "organization", "Organization", "team-context"))
                teams.add((t.start, t.end))
        for k, t in enumerate(tokens):
            if (t.start, t.end) in teams or t.tag not in ("ns", "nr", "nrt", "nz") or len(t.word) < 2 \
                    or any(m.start < t.end and t.start < m.end for m in taken):
                continue
            # (阿森纳对|桑德兰: 对 joins two clubs as it joins a match's sides)
            left = tokens[k - 2] if k >= 2 and tokens[k - 1].word in ("和", "与", "、", "及", "对") else None
            right = tokens[k + 2] if k + 2 < len(tokens) and tokens[k + 1].word in ("和", "与", "、", "及", "对") else None
            if any(x is not None and (x.start, x.end) in teams for x in (left, right)):
                out.append(Mention(t.start, t.end, t.word, "organization", "Organization", "team-context"))
        return out

    def _given_char_in_word(self, s: str, i: int, j: int) -> bool:
        """A two-character "name" whose second character makes a word with the next (任|中医科):
        the surname-like character is a word of its own, unless the statistics vouch for it."""
        if j - i != 2 or j >= len(s):
            return False
        w = s[i + 1 : j + 1]
        return self.seg.known(w) and self.seg.tag(w) in ("j", "n", "nz", "vn") and self._names.score(s[i:j]) < 2.0

    def _list_neighbours(self, s: str, a: int, b: int, bounds: set[int]) -> list[tuple[int, int]]:
        """Name-shaped items right before and after `s[a:b]` across a 、."""
        out = []
        if s[b : b + 1] == _LIST_SEP:
            j = self.name_at(s, b + 1, bounds)
            if j and self._list_item_name(s[b + 1 : j]) and (j == len(s) or s[j] in "、，。等和与及" or j in bounds):
                out.append((b + 1, j))
        if a >= 3 and s[a - 1] == _LIST_SEP:
            for L in (3, 2):
                x = a - 1 - L
                if x >= 0 and (x == 0 or not _CJK.match(s[x - 1]) or s[x - 1] in "、和与及") \
                        and self._list_item_name(s[x : a - 1]):
                    out.append((x, a - 1))
                    break
        return out

    def _list_item_name(self, w: str) -> bool:
        sl = self.lex.is_surname_start(w, 0)
        if not sl or len(w) - sl not in (1, 2) or not _ALL_CJK.match(w) or (self._common_word(w) and not self._odd_place_word(w)):
            return False  # (a word jieba calls a place that no gazetteer knows is a name beside one)
        return self.lex.given_chars.issuperset(w[sl:]) or self._names.score(w) >= 1.0

    def _verb_given_name_closed(self, s: str, i: int, j: int) -> bool:
        """院长|某建成|出席, 局长|某立新|，: a surname that is no function word, a given name that is a
        verb (建成, 立新) and a mark or a person's verb closing it right after the post: a name."""
        return j - i == 3 and s[i] not in _FUNCTION_CHARS \
            and (j == len(s) or s[j] in _CLOSES_NAME or s[j] in "向在对与" or s.startswith(_PERSON_VERBS_OR_LIST, j))

    def _word_as_given_name(self, w: str) -> bool:
        """A surname character before a verb or function word (时|表示, 任|中医 after 记者, 医生):
        the two words of a sentence, not a name, unless the name statistics say otherwise."""
        sl = self.lex.is_surname_start(w, 0)
        given = w[sl:]
        if w[0] in _FUNCTION_CHARS and self._common_word(given) and self._names.score(w) < 1.5:
            return True  # 向|农民: a preposition before a word
        return len(given) == 2 and self.seg.known(given) and given not in self.lex.given_name_words \
            and self.seg.tag(given) in ("v", "vn", "j", "d", "p", "c", "f", "vd", "ad") \
            and self._names.score(w) < 1.0

    def _surname_shaped(self, w: str) -> bool:
        """A surname and one or two given-name characters: a Chinese person's name."""
        sl = self.lex.is_surname_start(w, 0)
        return bool(sl) and len(w) - sl in (1, 2) and self.lex.given_chars.issuperset(w[sl:]) \
            and not self._translit.issuperset(w)  # 桑德兰, 马德里: spelled like a foreign name

    def _self_placed(self, w: str) -> bool:
        """A body's word that opens with its place or country (中国共产党, 哈尔滨市委)."""
        # (a county's short name is too often a word of a name: 博爱|医院)
        return w.startswith(("中国", "中共", "中央", "国家", "全国")) or any(
            any(d.level != "county" for d in self.gaz.lookup(w[:j])) or w[:j] in self.lex.world_places
            for j in range(2, min(len(w) - 1, 4) + 1))

    def _name_shaped(self, w: str) -> bool:
        """A surname and given-name characters, or a transliteration: what a person's or a
        brand's name inside a body's name looks like (a founder's name: 某某公司; 西门子公司)."""
        sl = self.lex.is_surname_start(w, 0)
        if sl and self.lex.given_chars.issuperset(w[sl:]) and len(w) - sl <= 2:
            return True
        return self._translit.issuperset(w)

    def _placed_noun_run(self, tokens, tok_at_end, last) -> bool:
        """A place and a few common nouns before a body word (北京市|技术|监督局, 无锡|钻探|工具厂):
        the place names the body, the nouns its line of work."""
        k = tok_at_end.get(last.start)
        for _ in range(3):
            if k is None:
                return False
            t = tokens[k]
            if (t.tag == "ns" and (self.gaz.lookup(t.word) or t.word in self.lex.world_places)) \
                    or (t.tag in ("nr", "nz", "j") and len(t.word) >= 2 and self.gaz.lookup(t.word)):
                return True  # (a city jieba calls a name: 某某口|探矿|机械厂)
            # the line of work: nouns, a kind (重型|汽车厂), an ordinal (第二|印染厂); not a verb,
            # a trade's (钻探|工具厂) as often as a clause's (某市|参观|工具厂)
            if not (t.tag in ("n", "vn", "b") or (t.tag == "m" and t.word.startswith("第"))) \
                    or t.word in self.lex.org_stoplist:
                return False
            k = tok_at_end.get(t.start)
        return False

    def _level_committee(self, s, tokens, tok_at_end, suffix, last) -> bool:
        """某某区|委: jieba gave the level character to the place (桥西区) and left 委 alone;
        the place and 委 are the district's party committee."""
        if suffix not in _PARTY_SUFFIXES or last.word != suffix[-1]:
            return False
        k = tok_at_end.get(last.start)
        return k is not None and tokens[k].tag == "ns" and tokens[k].word.endswith(suffix[0]) and len(tokens[k].word) >= 3

    def _named_by_line(self, s, tokens, tok_at_end, start, last) -> bool:
        """核工业|总公司, 石油工业|出版社: a head a country has one of after the nouns of its line
        of work, with no count or determiner before (一家|科技|出版社 is any publisher)."""
        if last.word not in self.lex.org_line_heads or start >= last.start:
            return False
        k = tok_at_end.get(last.start)
        stem = []
        while k is not None and tokens[k].end > start:
            stem.append(tokens[k])
            k = tok_at_end.get(tokens[k].start)
        if not stem or len(stem) > 3 or not all(t.tag in ("n", "nz", "vn") for t in stem) \
                or sum(len(t.word) for t in stem) < 2 or any(t.word in self.lex.org_stoplist for t in stem):
            return False
        before = tokens[k] if k is not None else None
        return before is None or not (before.tag in ("m", "q", "r", "mq") or before.word[-1] in "家个所类种些各该本")

    def _cut_name(self, tokens, tok_at_end, start, last) -> bool:
        """A body's kind and line of work (音像|出版社, 经贸公司, 科学|基金会) glued to a noun or a
        name the walk left did not take (职工|音像出版社, 某某|经贸公司): the body's name opens
        further left, and what was read is a cut name, no body's."""
        k = tok_at_end.get(start)
        if k is None:
            return False
        before = tokens[k]
        if before.word in ("及", "与", "和") and tok_at_end.get(before.start) is not None:
            # 某某及|住宅研究会, 能源与|环境部: two lines of work joined before one body word
            first = tokens[tok_at_end[before.start]]
            if first.tag not in ("n", "vn", "j") or len(first.word) < 2 or first.word in self.lex.org_stoplist \
                    or _ends_with_any(first.word, self.lex.org_suffixes):
                return False  # 卫生部和|环境部, 某基地和|某文工团: two bodies
            before = first
        if before.tag not in _CUT_BEFORE_TAGS or not _ALL_CJK.match(before.word) or len(before.word) < 2 \
                or before.word in self.lex.title_heads or (before.tag == "nr" and self._name_shaped(before.word)) \
                or before.word in _BODY_OBJECT_NOUNS or before.word.endswith("任"):
            return False  # 记者|某某某|某电台, 代表|某委员会: a post, a person or a verb before a body
        if last.tag not in ("nt", "n", "vn") or (last.tag == "nt" and len(last.word) >= 5):
            return False  # 某某队, 八一女排, 抗日军政大学: a word that is a name of its own
        # (the body word itself is no name: jieba tags 经贸公司 and 社会党 nt as it tags 外交部)
        n = tok_at_end.get(last.start)
        while n is not None and tokens[n].start >= start:
            if self._anchor(tokens[n]):
                return False
            n = tok_at_end.get(tokens[n].start)
        w = last.word
        return not (self._owned_name(w) or any(self.gaz.lookup(w[:j]) or w[:j] in self.lex.world_places
                                               for j in range(2, min(len(w), 6))))

    def _ministry_word(self, t: Token) -> bool:
        """A word of jieba's dictionary made of a line of work and an agency suffix (水利部,
        林业局, 文化厅): a ministry or bureau named by its domain, whatever jieba tags it."""
        w = t.word
        if t.tag != "n" or len(w) < 3 or w[-1] not in "部局厅署委" or w in self.lex.org_stoplist:
            return False
        stem = w[:-1]
        return self.seg.known(stem) and self.seg.tag(stem) in ("n", "nz") and len(stem) >= 2

    def _generic_org(self, name, start, end, places) -> bool:
        """新冠肺炎疫情定点医院 or 县级公立医院 is a kind of body, not a body."""
        if re.match(r"^[省市县区乡镇村][级属]", name) or "党和政府" in name:
            return True
        named = re.match(r"([\u3400-\u9fff]{2,6}?)(?:社区|村|镇|乡|街道)", name)
        if named and named.group(1) not in _NOT_PLACE and named.group(1)[0] not in _NOT_PLACE_HEAD \
                and len(name) > named.end() + 1:
            return False  # 鼓楼社区|卫生服务中心, 某某乡|卫生院: a named community's or town's own body
        stoplist, suffixes = self.lex.org_stoplist, self.lex.org_suffixes
        for k in range(1, len(name)):  # each ending of the name a kind of body (not the whole)
            g = name[k:]
            if g in stoplist and g not in suffixes:
                head = name[:k]
                if head[0] in _LEVELS or head.startswith(("我", "国家", "中央", "中共")):
                    continue
                toks = self.seg.tokens(head)
                if all(t.tag in _COMMON_TAGS for t in toks):
                    return True
        return False

    def _extend_left(self, s, tokens, tok_at_end, pos, head_ends=frozenset(), places_only=False,
                     owners_only=False, ministry=False, line_head=False, bridge=False) -> int | None:
        """Walk left from the suffix over the tokens that can be part of a name."""
        start = pos
        idx = tok_at_end.get(pos)
        steps = 0
        taken: list[Token] = []
        while idx is not None and steps < 8:
            t = tokens[idx]
            w = t.word
            if places_only and not self.gaz.lookup(w) and t.tag != "ns" and not (w == "中共" and taken):
                break  # 认真落实省委: only a place (and 中共 before it) may stand before a party committee
            if w == "驻" and 0 < idx < len(tokens) - 1 and (self._opens_with_country(tokens[idx + 1].word)
                                                          or tokens[idx + 1].word in self.lex.world_places) \
                    and self._opens_with_country(tokens[idx - 1].word):
                # 中国驻|美国|大使馆: the sending country and 驻 belong to an embassy's name
                prev = tokens[idx - 1]
                start = prev.start
                steps += 2
                taken += [t, prev]
                idx = tok_at_end.get(prev.start)
                continue
            if owners_only and not (t.tag in ("ns", "nt", "j") or self.gaz.lookup(w) or w in self.lex.world_places
                                    or w in ("中国", "中共", "中央", "国家", "全国") or (len(w) == 1 and w in _LEVELS)
                                    or (len(w) == 1 and t.tag == "nr")  # 尼|国防部: a country's one-character name
                                    or (len(w) >= 2 and w[-1] in "委部局厅办院")):  # 福州|市委|宣传部: a parent body
                break
            if w in self.lex.body_kind_nouns and taken and self._anchor(taken[-1]) and taken[-1].tag != "n":
                break  # 航运企业|某某集团: the kind of body the description ends with, before the name
            if w in _TEAM_BEFORE or w in _OWNERSHIP or w in _TEAM_EPITHETS or w in _MATCH_WORDS:
                break  # 力克|某某队, 中美合资|某某公司: the verb and the owners are not the name
            if taken and taken[-1].tag in ("ns", "nt") and self._owned_name(taken[-1].word) \
                    and t.tag in ("n", "vn", "nt", "j") and _ends_with_any(w, self.lex.org_suffixes):
                break  # 某总公司|中国某总公司: a body before a name opening with its own owner
            if w in (")", "）") and idx > 2:
                # a company's seat in brackets: 某某（北京）科技有限公司
                inner = tokens[idx - 1]
                opener = tokens[idx - 2]
                if opener.word in ("(", "（") and self.gaz.lookup(inner.word):
                    start = opener.start
                    steps += 1
                    idx = tok_at_end.get(opener.start)
                    continue
            if not _WORDISH.match(w) or (any(c.isdigit() for c in w) and not w.startswith("第")):
                break  # punctuation, symbols and numbers (1月3日电) end a name
            if w.endswith(("日电", "讯")) or w in ("电", "先生", "女士", "现任", "担任", "兼任", "原任", "后任", "新任", "调任",
                                                 "升任", "出任", "曾任", "历任"):
                break  # 新华社北京1月3日电外交部: a dateline or a person's words end the name
            if w in ("委托", "创办", "创建", "兴办", "开办", "住进"):
                break  # 某局委托|某省某局, 某地创办|某公司: whatever jieba tags them, verbs of a clause
            if t.tag == "oov" and (w[0] in _FUNCTION_CHARS or w[0] in "他她你曾据率不名另先后又再将" or w[-1] in _FUNCTION_CHARS
                                   or (w[0] in _RESULT_HEAD and w[-1] in _RESULT_TAIL)):
                break  # 这是, 对此, 他率, 不办, 语及, 另据, 先到, 两胜: a phrase jieba did not know, not part of a name
            if len(w) == 2 and w[0] in _PREP_HEAD and t.tag not in ("ns", "nt", "nr", "j") and not self.gaz.lookup(w):
                break  # 对华|信银行: a preposition's word, not the body's
            if taken and t.tag in ("nr", "nrfg", "oov") and len(w) in (2, 3) and self._surname_shaped(w) \
                    and not self.gaz.lookup(w) and w not in self.lex.world_places \
                    and (taken[-1].tag in ("ns", "nt", "j") or self.gaz.lookup(taken[-1].word)
                         or taken[-1].word.isascii()):
                break  # 王某某|徐州某某公司 in a list of winners: the person before the body is not its name
            if t.tag in ("nr", "nrfg", "oov") and t.start in head_ends:
                break  # 主任|陈某某|某某医院: the name after a post is the post holder's, not the body's
            if w[0] in "日月" and t.start > 0 and s[t.start - 1].isdigit():
                break  # 8日讯据…: the tail of a dateline
            if t.tag == "nr" and not self._name_shaped(w) and not self.gaz.lookup(w) and w not in self.lex.world_places:
                break  # 应邀参加, 诸如, 力克: words jieba's dictionary calls names that are none
            if (w.endswith(("人", "者", "员", "们")) and len(w) >= 2 or w in self.lex.person_nouns) \
                    and not self._members_of_placed_body(tokens, tok_at_end, idx, taken):
                break  # 创办人江南医科大学: a person noun is not part of the body
            if t.tag == "m" and w in ("亿", "万", "千") and taken and taken[-1].tag in ("ns", "nz", "oov", "nr", "j") \
                    and not (t.start > 0 and (s[t.start - 1].isdigit() or s[t.start - 1] in "一二三四五六七八九十两几数上")):
                start = t.start  # 亿|某某公司, 万|某某集团: a brand's first character, not a number
                steps += 1
                taken.append(t)
                idx = tok_at_end.get(t.start)
                continue
            bridged = bridge and self._bridges_to_place(tokens, tok_at_end, idx)
            # a city jieba tags as an adverb or a time word (大连|海富集团): the gazetteer knows it
            bridged = bridged or (t.tag in ("d", "t", "a", "v") and len(w) >= 2
                                  and any(d.name == w or d.level != "county" for d in self.gaz.lookup(w)))
            # (乡村|振兴|局, 行政|审批|…局: a function of two words, the second a verb)
            bridged = bridged or (t.tag == "v" and idx > 0 and tokens[idx - 1].word + w in self.lex.agency_words)
            if t.tag in _ORG_LEFT_STOP_TAGS and not (t.tag == "m" and w.startswith("第")) \
                    and w not in self.lex.agency_words and not (len(w) == 1 and w in _LEVELS) and not bridged:
                break
            if w in self.lex.title_heads or self.seg.tag(w) == "nnt":
                break
            if t.tag == "v" and w not in self.lex.agency_words and not bridged:
                break
            if w in ("召开", "举行", "主持", "参加", "出席", "暨") or w in self.lex.event_nouns:
                break
            start = t.start
            steps += 1
            taken.append(t)
            idx = tok_at_end.get(t.start)
        # the name opens with what names it: 全力支持特区政府 is 特区政府, 深感人民日报 is 人民日报,
        # and not with a verb even when it is an agency word (组织|工会积极分子)
        while taken and (not self._anchor(taken[-1]) or taken[-1].tag == "v") and taken[-1].start < pos \
                and not (len(taken) == 1 and taken[0].word in _LEVEL_OWNERS) \
                and not (len(taken) >= 2 and taken[-2].word in ("社区", "村", "镇", "乡", "街道", "小区")) \
                and not (taken[-1].tag == "m" and taken[-1].word in ("亿", "万", "千")) \
                and not (ministry and len(taken) == 1 and taken[0].tag == "n" and len(taken[0].word) == 2) \
                and not (line_head and len(taken) <= 3 and all(x.tag in ("n", "nz", "vn") for x in taken)):
            # (电子|工业部, 燃料|工业部: a noun right before a ministry word is its line of work)
            # (鼓楼|社区|卫生服务中心 keeps 鼓楼: a word before 社区 names the community; the
            # brand's 亿 taken above stays)
            taken.pop()
            start = taken[-1].start if taken else pos
        # numbers after 第 (第八医院): the 第 token is tagged m, take it with what follows
        for lead in _ORG_LEAD_STRIP if s.startswith(_ORG_LEAD_STRIP, start) else ():
            if s.startswith(lead, start) and start + len(lead) < pos and s[start + len(lead)] in _LEVELS + "国":
                if lead in ("全", "各") and s[start + 1] in _LEVELS:
                    return None  # 全市|中小学, 各县|供电局: every body of the kind in the area, no one body
                if lead == "全" and s[start + 1] == "国":
                    if start + 2 == pos or _TERM_IN_NAME.match(s, start + 1):
                        return None  # 第一届|全国|委员会, 全国|第二届|某某中学…大赛: no body's own name
                    break  # 全国|某某办: the nation's body (全国 is its word, 国 alone opens nothing)
                start += len(lead)
                break
        prev = tokens[tok_at_end[start] ] if start in tok_at_end else None
        if prev is not None and len(prev.word) == 2 and prev.word[1] in _LEVELS and (
                prev.word[0] in "该本全各" or (prev.tag == "oov" and prev.word[0] in _FUNCTION_CHARS)):
            if prev.word[0] in "全各":
                return None  # 全市|中小学, 各县|供电局: every body of the kind in the area, no one body
            start -= 1  # 该区|医疗保障局, 向市|红十字会: the level belongs to the body, the determiner or preposition does not
        return start

    def _members_of_placed_body(self, tokens, tok_at_end, idx, taken) -> bool:
        """The people a body gathers, inside its name after a place (某市|华人|计算机|协会,
        某国|工人|社会党, 某市|女|科技|工作者|协会): the person noun is the body's line, not a
        person before it, when the name so far has no name of its own and a place opens it."""
        if any(self._anchor(t) for t in taken):
            return False  # 创办人|某某医科大学: the body is named already
        k = tok_at_end.get(tokens[idx].start)
        for _ in range(3):
            if k is None:
                return False
            u = tokens[k]
            if (u.tag == "ns" and (self.gaz.lookup(u.word) or u.word in self.lex.world_places)) or u.word == "中国":
                return True
            if u.tag not in ("n", "nr", "nz") or not _ALL_CJK.match(u.word) or u.word in self.lex.title_heads:
                return False
            k = tok_at_end.get(u.start)
        return False

    def _bridges_to_place(self, tokens, tok_at_end, idx) -> bool:
        """A verb or a set phrase inside a body's name that a place opens (某市老年病|防治|中心,
        某地|钻探|工具厂, 某国|有线电视|新闻公司): the words from the place to the body word are
        the body's line of work, so the verb is read as part of the name, not as a clause."""
        t = tokens[idx]
        joint = t.word in ("与", "和") and idx + 1 < len(tokens) and tokens[idx + 1].tag in ("n", "vn", "nz")
        if not joint and (t.tag not in ("v", "l", "i") or len(t.word) < 2 or t.word in _CLAUSE_VERBS
                          or t.word in self.lex.event_triggers or t.word in self.lex.title_heads):
            return False
        k = tok_at_end.get(t.start)
        for n in range(3):
            if k is None:
                return False
            u = tokens[k]
            if joint and n == 0 and u.tag not in ("n", "vn", "nz"):
                return False  # 某市|和|某公司: a place and a body, not one body's line of work
            if u.tag == "ns" and (self.gaz.lookup(u.word) or u.word in self.lex.world_places) or u.word == "中国" \
                    or (u.tag == "nt" and n > 0 and len(u.word) >= 3):
                return True  # (or a parent body: 某部|安全与警用|…|检测中心)
            if u.tag not in ("n", "vn", "nz", "l") or (joint and n == 0 and u.tag not in ("n", "vn", "nz")):
                return False  # 和平|与|裁军, not 卫生部|与|环境部: nouns on both sides of 与
            k = tok_at_end.get(u.start)
        return False

    def _opens_with_country(self, w: str) -> bool:
        return w == "中国" or any(self.lex.world_places.get(w[:j]) == "country" for j in range(2, min(len(w), 6) + 1))

    def _anchor(self, t: Token) -> bool:
        """A token that can open an agency's name: a place, a proper or unknown word, an agency
        word, a level (市), an ordinal (第八)."""
        w = t.word
        return (t.tag in ("ns", "nt", "nz", "j", "oov", "nr", "nrt", "nrfg", "eng", "g")
                or w in self.lex.agency_words or (len(w) == 1 and w in _LEVELS) or bool(self.gaz.lookup(w))
                or w.startswith(("第", "我")) or w in self.lex.world_places
                or w in ("中国", "中共", "中央", "国家", "全国", "地区", "自治区", "特区"))

    def _org_has_name(self, name, body, start, end, tokens, place_ends, strong, last) -> bool:
        """An agency needs something that names it: a place or level, a proper noun, an agency
        word, or jieba's own organization tag; 定点医院 and 有关部门 have none."""
        if not body:
            return last.tag == "nt" and last.word == name
        if len(name) - len(last.word) in (0, 2) and self._ministry_word(last):
            return True  # 水利部, 电子|工业部: a ministry named by its line of work
        if len(name) <= 3 and body in _LEVELS:
            return False  # 村办, 县委 alone: a level and a suffix name no one body
        if any(self.gaz.lookup(body[:j]) for j in range(2, min(len(body), 8) + 1)):
            return True  # 湖北日报: a place opens the name
        if body[0] in _LEVELS or body.startswith(("我", "国家", "中央", "中共", "全国", "国务院")):
            return True
        if any(p.start >= start and p.end <= end for p in place_ends.values()):
            return True
        for t in tokens:
            if t.start >= start and t.end <= end - (0 if last.word != name else len(name)):
                if t.tag in ("ns", "nt", "nz", "oov", "nr", "nrt", "nrfg", "j", "eng", "g") and t.word not in self.lex.org_stoplist:
                    return True
                if t.word in self.lex.agency_words:
                    return True
        if last.word == name and len(body) >= 2 and last.tag in ("nz", "nr", "nrt", "j", "oov", "m") \
                and self.seg.tag(body) in ("oov", "nz", "ns", "nr", "nrt", "j"):
            return True  # 红星队, 蓝剑队: one word, a proper name and the suffix
        if re.search(r"[\u3400-\u9fff]{1,4}(?:社区|村|镇|乡|街道)", body):
            return True  # 柳林社区卫生服务中心: a named community or village
        return last.tag == "nt" and len(name) >= 3

    # ---- posts ---------------------------------------------------------------------------
    def _titles(self, s: str, orgs: list[Mention], tokens: list[Token], heads: list[re.Match]) -> list[Mention]:
        if not heads:
            return []  # most sentences: no post's head word, no token pass
        lex = self.lex
        out = []
        # a head cut out of a place's name (合肥市|长江路 holds 市长) is no post
        in_place = [(t.start, t.end) for t in tokens if t.tag == "ns" and len(t.word) >= 3]
        org_by_end = {o.end: o for o in orgs}
        bodies = lex.title_bodies
        body_lengths = self._title_body_lengths
        for m in heads:
            head_start, end = m.start(), m.end()
            if any(a < end < b or a < head_start < b for a, b in in_place):
                continue
            # 委员 inside 委员会 or 主任 inside 主任医师 is not this head
            nxt = s[end : end + 1]
            if m.group().endswith(("委员", "常委")) and nxt == "会":
                continue
            if m.group().endswith("书记") and nxt == "处":
                continue
            if nxt in ("馆", "会", "团") and m.group().endswith(("大使", "领事", "委员", "主席")):
                continue  # 大使馆, 主席团: a place or a body, not the post
            start = head_start
            changed = True
            while changed and start > 0:
                changed = False
                o = org_by_end.get(start)
                if o is not None and o.start < start and o.text not in lex.org_names \
                        and (o.text in lex.title_bodies or _PARTY_OR_GOV.match(o.text)):
                    # 县委|副书记 is one post; 县卫健局|副局长 is a post at a body, kept apart
                    start = o.start
                    changed = True
                    continue
                # the longest post body ending where the post starts: each length looked up once,
                # not every body tried against the text
                b = next((s[start - L : start] for L in body_lengths if L <= start and s[start - L : start] in bodies), None)
                if b is not None and o is not None and o.start < start - len(b) and o.text[: -len(b)].endswith("区"):
                    pass  # 某开发区管委会|主任: the post's body closes a zone's own body, kept apart
                elif b is not None:
                    if b not in lex.org_names:  # 中共中央|总书记: a named body stays an organization of its own
                        start -= len(b)
                        changed = True
                else:
                    if s[start - 1] in _LEVELS and start - 1 >= 0 and (start - 1 == 0 or not _CJK.match(s[start - 2]) or s[start - 2] in "、，。（(的和及与“"):
                        start -= 1
                        changed = True
            if start == head_start and m.group() in _MODIFIABLE_HEADS:
                # 销售经理, 客户经理, 心理辅导老师: a line of work before the head is part of the post
                k = start
                while k - 2 >= 0 and s[k - 2 : k] in _JOB_WORDS:
                    k -= 2
                start = k
            title = s[start:end]
            if title in ("委员", "主任") and start == head_start and not s[end : end + 1]:
                continue
            out.append(Mention(start, end, title, "position", lex.title_heads.get(m.group().lstrip("常务副"), ""), "title-grammar"))
        return out

    # ---- persons -------------------------------------------------------------------------
    def _persons(self, s, tokens, bounds, titles, orgs, places, known) -> list[Mention]:
        lex = self.lex
        found: dict[tuple[int, int], str] = {}
        blocked = [(m.start, m.end) for m in orgs + titles]
        blocked += [(m.start, m.end) for m in places if m.rule not in ("jieba-ns", "gazetteer", "world")]

        def free(i, j):
            return all(j <= a or i >= b for a, b in blocked)

        def add(i, j, rule):
            if j - i >= 2 and free(i, j) and (i, j) not in found:
                found[(i, j)] = rule

        # (a) a name right after a post (县委书记周文博), or after a chain of posts joined by 、
        for t in titles:
            i = t.end
            j = self._name_closed_after_post(s, i) or self._third_before_close(s, i)
            if j:
                add(i, j, "after-title")  # 省长|某某某|等, 记者|某某某|）: the mark after it closes the name
                continue
            if i not in bounds:
                j = self._name_after_cut_post(s, i)
                if j:
                    add(i, j, "after-title")  # 主|任何|某某: the post's last character went into jieba's word
                    continue
            m = _NAME_THEN_DATE.match(s, i)
            if m and self._foreign_before_date(m.group(1)):
                add(i, m.end(1), "after-title")  # 外长|某某维|4日宣布: a date closes the foreign name
                continue
            j = self.name_at(s, i, bounds)
            jf = self._foreign_name_at(s, i, broad=True)
            if jf and jf - i >= 4 and jf > j:
                add(i, jf, "after-title")  # 部长|某某某某: a transliterated name, longer than a Chinese one
            elif j and (not self._common_word(s[i:j]) or self._odd_place_word(s[i:j])) \
                    and (not self._word_as_given_name(s[i:j]) or self._verb_given_name_closed(s, i, j)) \
                    and not self._given_char_in_word(s, i, j) and self._opens_a_name(s, i, j, tokens, bounds):
                add(i, j, "after-title")
            elif jf and (not self._common_word(s[i:jf]) or self._odd_place_word(s[i:jf])
                         and self._translit_core.issuperset(s[i:jf])):
                add(i, jf, "after-title")  # 总统|某某某: a foreign name jieba calls a place
            else:
                # a word jieba's dictionary calls a name, right after the post (总统|某某某、)
                at = bisect.bisect_left(tokens, i, key=_token_start)  # (the word starting there, if one does)
                nxt = tokens[at] if at < len(tokens) and tokens[at].start == i else None
                if nxt is not None and nxt.tag in ("nr", "nrt", "nrfg") and 2 <= len(nxt.word) <= 4 \
                        and (len(nxt.word) < 4 or lex.is_surname_start(nxt.word, 0) or self._translit.issuperset(nxt.word)) \
                        and _ALL_CJK.match(nxt.word) and nxt.word not in lex.world_places and not self.gaz.lookup(nxt.word):
                    add(i, nxt.end, "after-title")
                elif nxt is not None and nxt.tag == "oov" and 2 <= len(nxt.word) <= 3 and _ALL_CJK.match(nxt.word) \
                        and self.seg.tag(nxt.word[0]) not in _NOT_NAME_TAGS \
                        and (nxt.end == len(s) or s[nxt.end] in _CLOSES_NAME or s.startswith(_POLITE, nxt.end)) \
                        and nxt.word not in lex.world_places and not self.gaz.lookup(nxt.word):
                    add(i, nxt.end, "after-title")  # 部长|某某某，: a word jieba does not know, closed by a mark
                elif nxt is not None and nxt.tag == "n" and len(nxt.word) == 2 and self._translit_core.issuperset(nxt.word) \
                        and s.startswith(_PERSON_VERBS, nxt.end) and not self.gaz.lookup(nxt.word):
                    # 外长|甲乙|说: a noun of jieba's spelt in transliteration characters only, between a post
                    # and a verb of a person, is a foreign name that happens to be a word too
                    add(i, nxt.end, "after-title")
        # a name after a verb of choosing or naming (选举某某为…, 任命某某为…, 名叫某某)
        # (名叫 holds 叫; three plain tests, no generator, for every sentence)
        for m in _CHOSEN.finditer(s) if ("选" in s or "任命" in s or "叫" in s) else ():
            i = m.end()
            j = self.name_at(s, i, bounds)
            if j and not self._common_word(s[i:j]) and (m.group().startswith(("名叫", "叫")) or s[j : j + 2].startswith(("为", "担任"))):
                add(i, j, "after-title")
        # a name right after a body, told by what follows (某某学院|某某某|等, 中国银行|王某|表示)
        for o in orgs:
            i = o.end
            two = i + lex.is_surname_start(s, i) + 1  # (the ends `name_at` can give: two, two + 1)
            if not (s[two : two + 2].startswith(_PERSON_VERBS_OR_LIST) or s[two + 1 : two + 3].startswith(_PERSON_VERBS_OR_LIST)):
                continue
            j = self.name_at(s, i, bounds)
            if j and not self._common_word(s[i:j]) and s[j : j + 2].startswith(_PERSON_VERBS_OR_LIST):
                add(i, j, "after-body")
        # a name right before a bare post head: 赵乐平总书记, 李明华书记
        body_ends = {o.end for o in orgs}
        for t in titles:
            if t.text not in lex.title_heads:
                continue
            at = bisect.bisect_left(tokens, t.start, key=_token_end)  # the word ending there, if one does
            for tok in tokens[at : at + 1]:
                if tok.end == t.start and tok.tag in ("nr", "nrt", "nrfg") and len(tok.word) >= 2 \
                        and tok.word not in lex.world_places \
                        and not (tok.start > 0 and (s[tok.start - 1 : tok.end] in lex.world_places
                                                    or self.gaz.lookup(s[tok.start - 1 : tok.end]))):
                    add(tok.start, tok.end, "before-title")  # 某某某|总统
            for L in (3, 2, 4) if t.start in bounds else ():  # not 马|卫生部|长: the post is 卫生部长
                i = t.start - L
                if i >= 0 and lex.is_surname_start(s, i) and _ALL_CJK.match(s[i : t.start]) and (i, t.start) and \
                        (self.seg.tag(s[i : t.start]) in ("nr", "nrfg", "nrt") or (i in bounds and not self._common_word(s[i : t.start])
                         and lex.given_chars.issuperset(s[i + lex.is_surname_start(s, i) : t.start]))):
                    if any(s[i - k : t.start] in lex.world_places or self.gaz.lookup(s[i - k : t.start])
                           for k in (1, 2) if i - k >= 0):
                        break  # 俄罗斯总理: 罗斯 is the tail of a country
                    if i == 0 or not _CJK.match(s[i - 1]) or s[i - 1] in "、和与及同" or i in body_ends \
                            or self.seg.tag(s[i : t.start]) in ("nr", "nrfg", "nrt"):
                        add(i, t.start, "before-title")  # …, 中组部|某某|局长: after a body the name starts
                        break
        # a speaker opening the text (某某：…), as interviews and transcripts are written
        m = _SPEAKER.match(s) if "：" in s or ":" in s else None
        if m:
            i, j = m.span(1)
            sl = lex.is_surname_start(s, i)
            if sl and 1 <= j - i - sl <= 2 and not self._common_word(s[i:j]) and not self.gaz.lookup(s[i:j]) \
                    and s[i:j] not in lex.world_places and not (j - i == 3 and s[j - 1] in _SPEECH_END):
                # (文章说：, 信中说：: a writing and the verb of saying, not a name ending in 说)
                add(i, j, "speaker")
        m = _COLUMN_HEAD.match(s) if "：" in s or ":" in s else None
        if m and s.endswith(lex.column_verbs, 0, m.end(1)):
            self._column_writer(s, *m.span(1), add)
        # (b) bylines and role words (记者 陈思远, 首席记者邵言, 教授方晴)
        present = {k for _, k in self._role_finder.iter(s)} if self._any_role_re.search(s) else ()
        for k in sorted(present):  # in the order of self._roles: longest first
            role, role_re = self._roles[k]
            for m in role_re.finditer(s):
                i = m.end()
                while i < len(s) and s[i] in " \u3000":
                    i += 1
                if lex.byline_roles.get(role) == "before":
                    # (作者单位：, 作者简介：: a word right after the role and before a colon is the label's
                    # noun, what the line that follows gives, not the writer's name)
                    parts = [(a, b) for a, b in self._byline_names(s, i)
                             if not (self.seg.known(s[a : a + 2]) and self.seg.tag(s[a : a + 2]) in _NOT_NAME_TAGS)
                             and not (a == m.end() and s[b : b + 1] in ("：", ":") and self._common_word(s[a:b]))]
                    if parts:  # (对记者|解释说: 解释 is a verb, no name)
                        for a, b in parts:
                            add(a, b, "byline")
                        continue
                j = self.name_at(s, i, bounds, strict=True)
                if j and not self._common_word(s[i:j]) and lex.given_chars.issuperset(s[i + lex.is_surname_start(s, i) : j]):
                    add(i, j, "after-role")
        # (c2) the familiar forms 老张, 小马: 老 or 小 and a surname, a word of its own, where a
        # person is spoken of (老张说, 扶贫干部小马) or one of that surname is named on the page
        for m in self._familiar.finditer(s) if ("老" in s or "小" in s) else ():
            i, j = m.start(), m.end()
            w = s[i:j]
            if i not in bounds or j not in bounds or w in _POLITE \
                    or (self.seg.known(w) and self.seg.tag(w) not in ("n", "nr", "nrt", "nrfg")):
                continue  # 老师, 老年, 小于, 从小|张罗: words of other kinds, or a cut through one
            if s[j : j + 2].startswith(_PERSON_VERBS) or (s[j : j + 1] == "家" and not self.seg.known(s[j : j + 2])) \
                    or s[max(0, i - 4) : i].endswith(lex.person_nouns) \
                    or any(n[:1] == w[1] and len(n) >= 2 for n in known):
                add(i, j, "familiar")
        # photo credits: 程远 摄
        for m in _PHOTO_CREDIT.finditer(s) if "摄" in s else ():
            run = m.group(1)
            for part in re.finditer(r"[\u3400-\u9fff]+", run):
                lead = 2 if part.start() == 0 and run.startswith("图为") else 0  # (图为|某某|摄): the caption's words
                names = split_name_run(part.group()[lead:], lex)
                names = names and [(a + lead, b + lead) for a, b in names]
                if names and len(names) <= 3:
                    for a, b in names:
                        add(m.start(1) + part.start() + a, m.start(1) + part.start() + b, "photo-credit")
        # a bracket holding nothing but names: (王某某 李某某)
        for m in _BRACKET_NAMES.finditer(s) if "(" in s or "（" in s else ():
            if _PHOTO_PLACE.fullmatch(m.group(1).strip()):
                continue  # （左一）: where the person before it stands in the photo
            names = []
            for part in re.finditer(r"[\u3400-\u9fff]+", m.group(1)):
                got = split_name_run(part.group(), lex)
                if part.end() == len(m.group(1)) and part.group()[-1] in _MAKER_MARKS and len(part.group()) > 2:
                    # (某某作), (某某画): the maker of a picture, rather than a name ending in 作
                    got = split_name_run(part.group()[:-1], lex) or got
                if not got or len(got) > 3 or any(self._common_word(part.group()[a:b]) for a, b in got):
                    names = []
                    break
                names.extend((m.start(1) + part.start() + a, m.start(1) + part.start() + b) for a, b in got)
            if names and len(names) <= 6:
                for a, b in names:
                    add(a, b, "bracket-names")
        # (c) lists joined by 、: when one item is a person, or the list closes with 等/参加/出席
        place_spans = {(p.start, p.end) for p in places if p.rule in ("gazetteer", "world")}
        for lst in _NAME_LIST.finditer(s) if _LIST_SEP in s else ():
            items = []
            pos = lst.start()
            for item in lst.group().split(_LIST_SEP):
                items.append((pos, pos + len(item)))
                pos += len(item) + 1
            # the last item runs into the following words: cut it to a name
            # trailing items that are no names (…、袁志刚、各县) are cut off
            while len(items) >= 2:
                a, b = items[-1]
                j = self.name_at(s, a, bounds)
                if j and not self._common_word(s[a:j]):
                    items[-1] = (a, j)
                    break
                items.pop()
            if len(items) < 2 or 2 * sum(lst.start() <= x and y <= lst.end() + 4 for x, y in place_spans) >= max(len(items), 3):
                continue  # (平昌、苍溪和内江: a list of places, whatever names its words look like)
            tail = s[j : j + 4]
            if tail.startswith(_PLACES_LIST_END):
                continue  # 某某、某某|等地: a listing of places, whatever names its words look like
            a0, b0 = items[0]
            # the first item may carry a leading post or role word (市领导何丽君)
            lead = ""
            for t in titles:
                if t.end == a0 or (t.start < b0 and t.end > a0):
                    lead = "title"
            # items start where jieba's words do (马克思列|宁主义 is one word, no list of names)
            named = [(x, y) for x, y in items if y - x in (2, 3) and lex.is_surname_start(s, x) and x in bounds]
            if len(named) < len(items) - 0 and not lead:
                # every item must look like a name, or the list is of something else
                if len(named) < len(items):
                    # allow the first item to be "市领导X" style: cut its name from the end
                    x, y = items[0]
                    trimmed = None
                    for L in (3, 2):
                        if y - L >= x and lex.is_surname_start(s, y - L) and y - L in bounds:
                            trimmed = (y - L, y)
                            break
                    if trimmed and len(named) == len(items) - 1:
                        items[0] = trimmed
                        named = items
                    else:
                        continue
            clause = re.split(r"[，。；,;！？]", s[j:], maxsplit=1)[0]
            strong_cue = (
                tail.startswith(("等", "参加", "出席", "同志", "分别", "陪同", "一同", "共同"))
                or re.search(r"出席|参加|列席|陪同", clause) is not None
                or lead
                or s[max(0, items[0][0] - 2) : items[0][0]] in ("领导", "记者", "成员", "委员")
                or any((x, y) in found for x, y in items)
                or any(s[x:y] in known for x, y in items)
            )
            shaped = all(lex.given_chars.issuperset(s[x + lex.is_surname_start(s, x) : y])
                         and not self._common_word(s[x:y]) for x, y in items)
            namey = sum(1 for x, y in items if (self.seg.tag(s[x:y]) in ("nr", "nrfg", "oov") and lex.is_surname_start(s, x))
                        or self._name_as_time(s[x:y]))
            persony = strong_cue or (shaped and namey >= len(items) - 1) or (len(items) >= 4 and namey >= 0.6 * len(items))
            mostly = len(items) >= 4 and namey >= 0.6 * len(items)
            if self._common_word(s[items[0][0]:items[0][1]]) and not self._odd_place_word(s[items[0][0]:items[0][1]]) \
                    and not lead:
                continue  # 领导干部、党和国家…: a list opening with a common word, whatever its cue
                # (a word jieba calls a place that no gazetteer knows opens a list of names as
                # a name does: writers' and leaders' names are often such words, 某干、某某某)
            if persony and (mostly or all(not self.seg.known(s[x:y]) or self.seg.tag(s[x:y]) in ("nr", "nrt", "oov", "nrfg")
                                          or s[x:y] in known or self._name_as_time(s[x:y]) for x, y in items[1:])):
                for x, y in items:
                    add(x, y, "name-list")
        # (d) names jieba knows (nr) and new words shaped like names
        # none of the rules below takes other tags, nor one character but a surname
        # (one look at the tag first: most words have another and are passed over at once)
        def cued(t, after, before):
            # a person's word after a name: 某某|主演, 某某|去世; before one, three characters at
            # least: 读者|祝贺 is a word; 信中|写道 is where something is written
            # (asked only by the branches that need it: most words are settled without it)
            return after.startswith(_PERSON_VERBS) or before.endswith(lex.person_nouns) \
                or (after[:1] == "等" and not s.startswith(_PLACES_LIST_END, t.end)) \
                or after.startswith(("同志", "总统", "主席", "总理")) \
                or (lex.person_word_after(s, t.end) and not (len(t.word) == 2 and t.word[-1] in _PLACE_WORD_END)) \
                or (len(t.word) >= 3 and s.endswith(lex.person_cues_before, 0, t.start))

        def edge(t):  # the word has no Chinese character beside it on one side
            return not _CJK.match(s[t.end : t.end + 1] or "。") or not _CJK.match(s[t.start - 1 : t.start] or "。")

        for k, t in [(k, t) for k, t in enumerate(tokens) if t.tag in _NAME_OR_TIME_TAGS and (
                     (t.tag in _NAME_TAGS and (len(t.word) > 1 or t.tag == "nr" or t.tag == "nrfg"))
                     or (t.tag == "t" and len(t.word) == 3 and self._name_as_time(t.word)))]:
            as_time = t.tag == "t"
            if as_time:
                t = t._replace(tag="nr")  # read as the name it is
            w = t.word
            after = s[t.end : t.end + 2]
            before = s[max(0, t.start - 3) : t.start]
            if len(w) == 2 and w[-1] in _PLACE_WORD_END and s[t.start - 1 : t.start] in ("的", "在") and t.tag == "oov":
                continue  # 在信中|要求, 的信中|说: after 在 or 的 a word ending in 中/里/上 says where, whatever verb follows
            sl = lex.is_surname_start(w, 0)
            given_ok = sl and lex.given_chars.issuperset(w[sl:])
            if t.tag in ("nr", "nrfg", "nrt") and 2 <= len(w) <= 6 and w not in lex.world_places and w not in lex.person_nouns:
                # two-character dictionary "names" are often words (杜绝, 智慧): they need a cue;
                # longer ones are names (three characters, Chinese or transliterated)
                # (the word before is the verb of place itself: 感到|某某, 看到|某某 are no places)
                at_place = (k > 0 and tokens[k - 1].word in _TO_PLACE) or (before.endswith(_LIST_SEP) and any(
                    p.end == t.start - 1 for p in places)) or (after[:1] == _LIST_SEP and any(p.start == t.end + 1 for p in places))
                if at_place and not before.endswith(self.lex.person_nouns) and len(w) >= 3 and self._translit.issuperset(w):
                    pass  # 在马普托, 巴基斯坦、孟加拉: a foreign-looking word among places is a place
                elif len(w) >= 4 and sl != 2 and not self._translit.issuperset(w):
                    pass  # 今天上午 and other long words jieba's dictionary tags as names
                # (nrfg: the dictionary's well-known persons by their full names, whatever the statistics of
                # their given names; two characters may be a word the dictionary tags so: 连成)
                elif cued(t, after, before) or as_time or (t.tag == "nrfg" and sl and len(w) >= 3 and w[-1] not in _NOT_NAME_END
                                            and not self.gaz.lookup(w)) or (len(w) >= 3 and ((sl and given_ok and w[-1] not in _NOT_NAME_END)
                                                or (len(w) == 3 and sl and t.tag in ("nr", "nrfg") and not self.gaz.lookup(w)
                                                    and self._names.score(w) >= 1.8 and w[-1] not in _NOT_NAME_END)
                                                or self._translit_core.issuperset(w)
                                                or (t.tag == "nrt" and self._translit.issuperset(w)
                                                    and not self.gaz.lookup(w)))):
                    add(t.start, t.end, "jieba-nr")
            elif t.tag == "oov" and 2 <= len(w) <= 3 and sl and _ALL_CJK.match(w) and w not in lex.agency_words:
                speaker = s[t.end : t.end + 1] in (":", "：") and (t.start == 0 or not _CJK.match(s[t.start - 1]))
                if len(w) == 3 and after.startswith(("表示", "说", "指出", "强调", "认为", "介绍", "告诉")) \
                        and w[-1] not in _NOT_NAME_END:
                    add(t.start, t.end, "name-shape")  # 某某某|表示: the verb vouches even for rare characters
                elif given_ok and (cued(t, after, before) or speaker or (len(w) == 3 and w[-1] not in _NOT_NAME_END
                                                        and (edge(t) or before.endswith(("、", "和", "与"))))):
                    # (干部|某某|碧|作为: the cue vouches for the name, and the lone character after it is its last)
                    add(t.start, self._lone_given_end(w, tokens, k) or t.end, "name-shape")
                elif self._names.score(w) >= _NAME_SCORE[len(w)] and w[-1] not in _NOT_NAME_END \
                        and not self.gaz.lookup(w):
                    # 某某|渝, 某某|藩: jieba left the given name's last character alone; else a new word the
                    # name statistics vouch for
                    add(t.start, self._lone_given_end(w, tokens, k) or t.end, "name-model")
            elif t.tag == "oov" and len(w) >= 3 and self._translit_core.issuperset(w) and (cued(t, after, before) or edge(t)):
                add(t.start, t.end, "foreign-name")
            elif t.tag in ("nr", "nrfg") and len(w) == 1 and lex.is_surname_start(w, 0) and k + 1 < len(tokens):
                # jieba split a name (李/红梅, 曹/鹏飞): join the surname with what follows
                nxt = tokens[k + 1]
                if 1 <= len(nxt.word) <= 2 and lex.given_chars.issuperset(nxt.word) \
                        and nxt.tag not in ("v", "d", "p", "c", "u", "uj", "m", "q", "r", "f", "ns") \
                        and s[nxt.end : nxt.end + 1] not in ("村", "镇", "乡", "县", "市", "区", "路", "街", "省"):
                    add(t.start, nxt.end, "joined-name")
        # a clause opening with a name and 等 and a count of persons (，某某某等53人被授予…): the
        # count says the name is one of them, whatever jieba makes of its characters
        for m in _NAME_THEN_COUNT.finditer(s) if "等" in s else ():
            i, j = m.span(1)
            w = m.group(1)
            sl = lex.is_surname_start(w, 0)
            if sl and 1 <= j - i - sl <= 2 and i in bounds and not (self._common_word(w) and not self._odd_place_word(w)) \
                    and not self.gaz.lookup(w) and w not in lex.world_places and not lex.title_re.search(w):
                add(i, j, "name-count")
        # a surname and 某 or 某某 (被告之一的甲某, 原告甲|某某): the person whose name the writer
        # withholds, a person with no cue needed; the surname starts a word and 某 ends one
        # (甲|某某|等, not 向|某|单位: a preposition, nor 某|些, 某|地: 某 opening a word)
        p = s.find("某") if "某" in s else -1
        while p >= 0:
            e = p + 2 if s[p + 1 : p + 2] == "某" else p + 1
            for i in (p - 1, p - 2):
                if i >= 0 and i in bounds and e in bounds and lex.is_surname_start(s, i) == p - i \
                        and s[i] not in _NOT_WITHHELD_HEAD and (i == 0 or s[i - 1] not in _ORDINAL_MARKS):
                    add(i, e, "withheld-name")
                    break
            p = s.find("某", e)
        # a transliterated name told by a word beside it, what a person is or does (新秀|某某,
        # 主力中场|某某, 某某|复出, 某某|因伤, 某某|表示), whatever jieba calls it: its dictionary
        # has many foreign names as places, and cuts others apart (萨拉|耶塔, 蒙|塔里)
        runs = self._translit_runs(s, tokens)
        for i, j, _ in runs:
            if (lex.person_word_after(s, j, _PERSON_VERBS_LONG)
                    or s.endswith(lex.person_cues_before, 0, i) or self._of_country(s, i, j)) and free(i, j):
                for x in [x for x in found if i <= x[0] and x[1] <= j]:
                    del found[x]  # the whole run beats a piece of it read as a name (某某某|某)
                add(i, j, "foreign-name")
        # a transliterated name with its own spelling in brackets right after it (某某某某（abcdefghijk）):
        # a person is spelt in full there, a first name and a family name, many more letters than
        # the few syllables of the Chinese spelling; a place's or a club's spelling is about as short
        if runs and _HAS_LATIN.search(s):
            for i, j, _ in runs:
                m = _BRACKET_LATIN.match(s, j)
                if m and j - i >= 3 and len(m.group(1)) >= _SPELT_NAME_RATIO * (j - i) and free(i, j):
                    for x in [x for x in found if i <= x[0] and x[1] <= j]:
                        del found[x]  # the whole run beats a piece of it read as a name (某某某|某某)
                    add(i, j, "spelt-name")
        # (l) a name opening a clause, where the subject stands (，某某在…, 。某某和…): a surname
        # and given-name characters the name statistics vouch for, before a word a name is
        # followed by as a subject; a place or a body read there is no name
        taken = [(p.start, p.end) for p in places]
        for i in self._clause_starts(s):
            # (`name_at` ends a name one or two characters after the surname: where neither end
            # is followed by what follows a subject, it is not asked)
            two = i + lex.is_surname_start(s, i) + 1
            if not (s[two : two + 1] in _AFTER_SUBJECT or s.startswith(_PERSON_VERBS, two)
                    or s[two + 1 : two + 2] in _AFTER_SUBJECT or s.startswith(_PERSON_VERBS, two + 1)):
                continue
            j = self.name_at(s, i, bounds)
            if j and (s[j : j + 1] in _AFTER_SUBJECT or s.startswith(_PERSON_VERBS, j)) and self._opening_name(s[i:j]) \
                    and free(i, j) and all(j <= a or i >= b for a, b in taken):
                add(i, j, "clause-name")
        # (n) a name jieba glued to the word beside it into one new word (而|某某|表示, 问|某某,
        # 某某|是…, 某某某|任…, 某某|说): a preposition, conjunction or verb before the name, or a
        # verb or preposition after it that never ends a name
        for t in [t for t in tokens if t.tag == "oov" and 3 <= len(t.word) <= 4]:  # (the few words, in one pass)
            w = t.word
            if w[0] in _GLUED_BEFORE and self._glued_name(w[1:]) and (
                    self._names.score(w[1:]) >= _GLUED_SCORE[0] and (self._names.score(w[1:]) >= _GLUED_SCORE[1]
                    or s.startswith(_PERSON_VERBS, t.end) or s[t.end : t.end + 1] in _AFTER_SUBJECT_OR_CLOSE)):
                add(t.start + 1, t.end, "glued-name")
            elif w[-1] in _GLUED_AFTER and self._glued_name(w[:-1]) and self._names.score(w[:-1]) >= _GLUED_SCORE[2]:
                add(t.start, t.end - 1, "glued-name")
        # (i) 某某同志: a word opening with a surname right before 同志 is a name, whatever
        # jieba's dictionary calls it (as a pronoun r, a noun n, a time word t)
        if "同志" in s:
            for t in tokens:
                if s.startswith("同志", t.end) and 2 <= len(t.word) <= 4 and _ALL_CJK.match(t.word) \
                        and t.tag in _COMRADE_TAGS and lex.is_surname_start(t.word, 0) \
                        and (len(t.word) < 4 or lex.is_surname_start(t.word, 0) == 2) \
                        and t.word not in lex.world_places and not self.gaz.lookup(t.word):
                    add(t.start, t.end, "before-comrade")
        # (f) a name in parts joined by a name dot (泰勒·斯威夫特): the dot is the cue; each
        # end runs over the characters of transliterated names, never into a post or body
        for m in _DOTTED.finditer(s) if any(d in s for d in _NAME_DOTS) else ():
            for left, first_dot, last_dot, right in self._dotted_names(m, tokens):
                self._add_dotted(s, tokens, places, left, first_dot, last_dot, right, free, add, found)
        # (g) the neighbours of a name in a list (张某、李某某、王某): a name-shaped item next
        # to a name across 、 is one too, passed along the list
        if _LIST_SEP in s:
            todo = list(found)
            while todo:
                a, b = todo.pop()
                for x, y in self._list_neighbours(s, a, b, bounds):
                    if (x, y) not in found and free(x, y):
                        add(x, y, "list-neighbour")
                        if (x, y) in found:
                            todo.append((x, y))
        # (h) 某某和|某某: the word after a name and a conjunction is a name when jieba's
        # dictionary calls it one and a pause or 等 closes it (某某某和某某某。)
        # (only names found so far with a conjunction beside them are looked at: most sentences
        # have none, and then no token map is built)
        beside_and = [(a, b) for a, b in found if s[b : b + 1] in _AND or s[a - 1 : a] in _AND] \
            if found and any(c in s for c in _AND) else ()
        if beside_and:
            name_at_start = {t.start: t for t in tokens if t.tag in ("nr", "nrfg", "nrt") and 2 <= len(t.word) <= 4}
            # (and a transliterated name on either side of a name, whatever jieba calls it:
            # 某某某某和|某某某, 某某某和|某的复出)
            foreign_at_start = {t.start: t for t in tokens if t.tag in ("nr", "nrt", "ns", "oov") and 2 <= len(t.word) <= 6
                                and self._translit_core.issuperset(t.word) and t.word not in lex.world_places
                                and not self.gaz.lookup(t.word)}
            foreign_at_end = {t.end: t for t in foreign_at_start.values()}
            for a, b in beside_and:
                t = name_at_start.get(b + 1) if s[b : b + 1] in _AND else None
                if t is not None and s[t.end : t.end + 1] in _CLOSES_NAME and lex.is_surname_start(t.word, 0) \
                        and (t.start, t.end) not in found and free(t.start, t.end) and _ALL_CJK.match(t.word):
                    add(t.start, t.end, "list-neighbour")
                if not self._translit.issuperset(s[a:b]):
                    continue
                t = foreign_at_start.get(b + 1) if s[b : b + 1] in _AND else None
                if t is not None and free(t.start, t.end):
                    add(t.start, t.end, "list-neighbour")
                t = foreign_at_end.get(a - 1) if s[a - 1 : a] in _AND else None
                if t is not None and free(t.start, t.end):
                    add(t.start, t.end, "list-neighbour")
        # (k) the transliterated neighbours of a transliterated name across 、 or a conjunction
        # (某某、某某某和某某): players, painters and writers are listed by name, passed along
        if runs and (_LIST_SEP in s or any(c in s for c in _AND)):
            # (not a piece of a dotted name, 查理·|曼德; two characters, a club's name as often,
            # only when jieba calls them a name: 切沃、某某)
            near = [(i, j) for i, j, tag in runs if s[i - 1 : i] not in _NAME_DOTS and s[j : j + 1] not in _NAME_DOTS
                    and (j - i >= 3 or tag in ("nr", "nrt", "nrfg"))]
            by_start = {i: (i, j) for i, j in near}
            by_end = {j: (i, j) for i, j in near}
            todo = [x for x in found if self._translit.issuperset(s[x[0] : x[1]])]
            while todo:
                a, b = todo.pop()
                for x in (by_start.get(b + 1) if s[b : b + 1] in _JOINS else None,
                          by_end.get(a - 1) if s[a - 1 : a] in _JOINS and a > 0 else None):
                    if x is None or x in found or not free(*x):
                        continue
                    inside = [y for y in found if x[0] <= y[0] and y[1] <= x[1]]
                    if any(y[0] < x[1] and x[0] < y[1] for y in found if y not in inside):
                        continue
                    for y in inside:
                        del found[y]  # the whole run beats a piece of it (巴普蒂斯|塔)
                    add(x[0], x[1], "list-neighbour")
                    todo.append(x)
        # (m) a name in Latin letters right after a post or a person's word (制作人|某某Bell,
        # 选手|Abc, 总监|abc): game makers, players and staff abroad are written so; what
        # the post rule reads as a post (总裁|CEO) is blocked already
        if _HAS_LATIN.search(s):
            cue_ends = {t.end for t in titles}
            for m in _LATIN_WORD.finditer(s):
                i, j = m.span()
                if (i in cue_ends or s.endswith(lex.person_cues_before, 0, i) or s.endswith(lex.person_nouns, 0, i)) \
                        and not _ROMAN.match(m.group()):  # (车手|IV: a sequel's number)
                    add(i, j, "latin-name")
        # (j) a Japanese name: a Japanese family name and a given name spelt with the characters
        # Japanese names are (首相|某本某太郎, 某山某美|女士), ending where jieba's words do
        for i, j in self._japanese_names(s, tokens, bounds, titles):
            add(i, j, "japanese-name")
        # (e) names already known in this article or page
        for name in known:
            # str.find, not a pattern per name: a page's names would crowd the re module's
            # cache of compiled patterns and every pattern of this module would be compiled again
            i = s.find(name)
            while i >= 0:
                j = i + len(name)
                # a reading of the same place that cuts the known name short or runs it into the
                # word after (某某为|…, 某某家, 某某说 where 某某 is the page's) is the known name's
                for span in [x for x in found if x[0] == i and (x[1] < j or (x[1] == j + 1 and s[j] in _AFTER_NAME | {"家"}))]:
                    if (span[1] > j or len(name) >= 3) and _ALL_CJK.match(name):
                        del found[span]
                add(i, j, "known-name")
                i = s.find(name, j)
        for (i, j), rule in list(found.items()):
            m = _NAME_PARTS.match(s, j)
            if m:  # 某某·某某某: a name in parts
                del found[(i, j)]
                whole = [(a, b) for a, b in found if a <= i and b > j]
                if not whole:  # the dotted rule's end, where it found one, is the better
                    found[(i, m.end())] = rule
        self._mend_foreign(s, tokens, found, free)
        self._join_foreign_parts(s, tokens, found, free)
        start, credit = self._credit_bracket(s) if "(" in s or "（" in s else (0, [])
        if credit:
            # the credit's cut beats a name run read across two names (某某某|某某 read as 某某|某某某), and what
            # stands before the names is the writer's place or body (某某厂|宣传科), no name
            for x in [x for x in found if x not in credit and x[0] < credit[-1][1] and start < x[1]]:
                del found[x]
            for a, b in credit:
                add(a, b, "credit-names")
        if "《" in s:
            # a name inside the title of a novel, a film or a game (《哈利·波特》, 《某某梦游记》) is
            # a character's or part of the work's name; a title about a person keeps it (《某某文选》)
            for m in _WORK_TITLE.finditer(s):
                title = m.group(1)
                if _ends_with_any(title, self.lex.collected_works) or any(w in title for w in self.lex.collected_works if len(w) >= 2):
                    continue
                for i, j in [x for x in found if m.start() < x[0] and x[1] < m.end()]:
                    del found[(i, j)]
        # a transliterated name's own spelling in brackets right after it (某某森（abcdef）):
        # the same person written in Latin letters, a name of its own
        if found and _HAS_LATIN.search(s):
            for i, j in list(found):
                m = _BRACKET_LATIN.match(s, j)
                if m and self._translit.issuperset(_INNER_DOTS.sub("", s[i:j])):
                    add(m.start(1), m.end(1), "latin-name")
        if "字" in s:
            # 名某某，字某某: the names after 名 and 字 are the person's own, not 字 and a name
            # (a word of jieba's that is no name, 、字画、, stays out)
            for m in _COURTESY.finditer(s):
                for g in (1, 2):
                    i, j = m.span(g)
                    if i < 0 or (self.seg.known(s[i:j]) and self.seg.tag(s[i:j]) not in ("nr", "nrfg", "nrt")):
                        continue
                    for x in [x for x in found if x[0] < j and i - 1 < x[1]]:
                        del found[x]
                    add(i, j, "courtesy-name")
        out = [Mention(i, j, s[i:j], "person", "", rule) for (i, j), rule in found.items()]
        return [m for m in out if self._plausible_person(m, s)]

    def _lone_given_end(self, w: str, tokens: list[Token], k: int) -> int:
        """End of a two-character name `w` (tokens[k]) run on through the one character jieba left
        alone after it (某某|渝, 某某|碧|作为) where that character can end a name and the three
        make a likelier name than the two; 0 where the name stays at two."""
        nxt = tokens[k + 1] if len(w) == 2 and k + 1 < len(tokens) else None
        if nxt is not None and len(nxt.word) == 1 and nxt.tag in _LONE_GIVEN_TAGS \
                and nxt.word not in _AFTER_NAME and nxt.word not in _NOT_NAME_END and _CJK.match(nxt.word) \
                and self._names.score(w + nxt.word) >= _NAME_SCORE[3]:
            return nxt.end
        return 0

    def _column_writer(self, s: str, i: int, j: int, add) -> None:
        """The writer of a column opening the text (某某火线解盘：, 某某足彩推荐：): the column's
        verb and the words of its name are cut off the end, and two or three characters that
        are no common word are left; a name jieba knows or does not know, whatever its
        characters (tipsters write under pen names: 某小某, 某哥)."""
        lex = self.lex
        j -= next(len(v) for v in lex.column_verbs if s.endswith(v, i, j))
        while j - i > 2:
            part = next((p for p in lex.column_parts if s.endswith(p, i, j)), None)
            if part is None:
                break
            j -= len(part)
        w = s[i:j]
        if 2 <= j - i <= 3 and _ALL_CJK.match(w) and not (self.seg.known(w) and self.seg.tag(w) not in _NAME_TAGS) \
                and not self.gaz.lookup(w) and w not in lex.world_places and not _ends_with_any(w, lex.org_suffixes):
            add(i, j, "column-writer")

    def _name_closed_after_post(self, s: str, i: int) -> int:
        """End of a three-character name right after a post and closed by a mark (、，。）), by 等
        or by a byline's 报道: a name is expected there, so a surname and the two characters up to
        the mark are the name where jieba cuts them apart (许某|乃）) or holds them as a word; two
        characters that make a word of their own (国|期间, 和|职工) are no given name."""
        lex = self.lex
        sl = lex.is_surname_start(s, i)
        if not sl or s[i] in "和与及同跟":
            return 0
        j = i + 3
        if j > len(s) or not _ALL_CJK.match(s[i:j]) or not (s[j : j + 1] in _CLOSES_NAME or s.startswith("报道", j)):
            return 0
        w = s[i:j]
        if any(c in _AFTER_NAME or c in _FUNCTION_CHARS or c == "不" for c in w[sl:]) or w[-1] in _NOT_NAME_END \
                or (self.seg.known(w[sl:]) and self.seg.tag(w[sl:]) not in ("nr", "nrfg", "nrt")) \
                or self.gaz.lookup(w) or w in lex.world_places or w in lex.title_heads or lex.title_re.search(w) \
                or w in lex.person_nouns or self.seg.tag(w) in ("ns", "nt", "t", "m", "f"):
            return 0
        return j

    def _name_after_cut_post(self, s: str, i: int) -> int:
        """End of a name right after a post whose last character jieba read together with the
        surname into one word (主|任何|某某, 区|长江|某, 院|长沙|某), so no word starts where the name
        does. What follows the post is read again on its own, and a name that opens it counts
        only when it is one word there and a mark, 等 or a verb of a person closes it (主任务|是
        opens none)."""
        lex = self.lex
        if not lex.is_surname_start(s, i) or s[i] in "和与及同跟":
            return 0
        tail = s[i : i + 8]
        toks = self.seg.tokens(tail)
        j = self.name_at(tail, 0, {*map(_token_start, toks), len(tail)})
        if not j or toks[0].end != j or toks[0].tag not in ("nr", "nrfg", "nrt", "oov", "ns") \
                or not (j == len(tail) or tail[j] in _CLOSES_NAME or tail.startswith(_PERSON_VERBS_OR_LIST, j)):
            return 0  # (主席|国时, 会长|盛不衰: read on their own, the words are no one name)
        w = tail[:j]
        if (self._common_word(w) and self.seg.tag(w) != "ns") or self.gaz.lookup(w) or w in lex.world_places \
                or w[-1] in _NOT_NAME_END or lex.title_re.search(w) \
                or not lex.given_chars.issuperset(w[lex.is_surname_start(w, 0):]) or self._names.score(w) < 0.8:
            return 0  # (主席|国时: 时 is no given name's character, and 国时 no likely name)
        return i + j

    def _third_before_close(self, s: str, i: int) -> int:
        """End of a three-character name right after a post whose third character is one names
        end with, closed by a mark, a conjunction, 由 or a byline's 报道 (记者|某某都|报道, 经理|某某代|、,
        部长|某某茶|由): where a name is expected, the closing says the name runs to it, whatever
        word its last characters make (帝都) or function word its third is (都, 来). 摄, 说, 以 end
        names too rarely (记者|某某|摄): their statistics keep the name at two."""
        if self.lex.is_surname_start(s, i) != 1:
            return 0
        j = i + 3
        if j > len(s) or not _ALL_CJK.match(s[i:j]) or s[i] in "和与及同跟" \
                or self._names.end_logp(s[j - 1]) < _THIRD_END_LOGP:
            return 0
        if not (j == len(s) or s[j] in _CLOSES_NAME or s[j] in _THIRD_CLOSERS or s.startswith("报道", j)):
            return 0
        w = s[i:j]
        if self._common_word(w) or self.gaz.lookup(w) or w in self.lex.world_places or self.lex.title_re.search(w) \
                or w[-1] in _NOT_NAME_END:
            return 0
        # (曾|表示, 国|期间, 回去|后: a verb, a time or function word in it says the words are the sentence's)
        if any(self.seg.known(x) and self.seg.tag(x) in _THIRD_NO_WORD_TAGS for x in (w[1:], w[:2])):
            return 0
        return j

    def _mend_foreign(self, s: str, tokens: list[Token], found: dict, free) -> None:
        """A transliterated name jieba cut apart (甲|乙丙丁, 甲乙丙丁|戊, 甲乙丙|丁指出: pieces spelt in transliteration characters):
        the name found in one piece takes the pieces beside it spelt with the same characters,
        where they are words of their own or glued to the next word, never a function word,
        a place's or a body's ending."""
        translit = self._translit
        if not any(j - i >= 2 and translit.issuperset(s[i:j]) for i, j in found):
            return  # most sentences: no foreign name to mend, so no token maps to build
        at_start = {t.start: t for t in tokens}
        at_end = {t.end: t for t in tokens}
        inside = {c: t for t in tokens for c in range(t.start + 1, t.end)}
        lex = self.lex

        def piece(w: str) -> bool:
            return all(c in translit and c not in _FUNCTION_CHARS and c not in lex.place_suffixes
                       and c not in lex.org_suffixes and c not in _WHEN_CHARS for c in w)  # (某某某|时: "when")

        for (i, j), rule in list(found.items()):
            w = s[i:j]
            if len(w) < 2 or not translit.issuperset(w):
                continue
            sl = lex.is_surname_start(w, 0)
            # a Chinese name spelt with these characters (马丁, 安娜) starts with its surname,
            # and three characters are its whole length
            chinese = sl and len(w) <= 3 and lex.given_chars.issuperset(w[sl:])
            a, b = i, j
            if b in inside and inside[b].tag in ("nr", "nrt", "nrfg") and piece(s[b:inside[b].end]):
                b = inside[b].end  # 彼特杰克|逊: the name ends where jieba's name word does
            for _ in range(2):
                t = at_start.get(b)
                if t is None or b - a >= 7:
                    break
                if len(t.word) == 1 and piece(t.word) and t.tag not in _FUNCTION_TAGS and not (chinese and b - a >= 3):
                    b = t.end  # 贝鲁斯科|尼, 巴普蒂斯|塔和
                elif 2 <= len(t.word) <= 3 and t.tag in ("nr", "nrt", "oov") and piece(t.word) \
                        and (t.tag != "oov" or not _CJK.match(s[t.end : t.end + 1] or "。")):
                    b = t.end  # 谢尔久|科夫
                elif len(t.word) >= 2 and t.tag == "oov" and piece(t.word[0]) and self.seg.known(s[b + 1 : b + 3]) \
                        and self.seg.tag(s[b + 1 : b + 3]) not in ("nr", "nrt", "nrfg", "ns"):
                    b += 1  # 迈卡沃|伊独占: the last character glued to the verb after it
                    break
                else:
                    break
            t = at_end.get(a)
            if t is not None and not chinese and j - i + len(t.word) <= 7 and piece(t.word) and (
                    (len(t.word) == 1 and (t.start == 0 or not _CJK.match(s[t.start - 1]) or s[t.start - 1] in _FUNCTION_CHARS
                                           or at_end.get(t.start) is not None and (len(at_end[t.start].word) >= 2
                                                                                  or at_end[t.start].tag in _FUNCTION_TAGS)))
                    or (2 <= len(t.word) <= 3 and t.tag in ("nr", "nrt", "oov"))):
                a = t.start  # 甲|乙丙丁, 甲乙|丙丁戊某
            if (a, b) != (i, j) and free(a, b) and not any(x < b and a < y and (x, y) != (i, j) for x, y in found):
                del found[(i, j)]
                found[(a, b)] = rule

    def _join_foreign_parts(self, s: str, tokens: list[Token], found: dict, free) -> None:
        """A foreign name's given name and family name written with no dot between (甲乙丙丁戊|己庚,
        甲乙|丙丁戊己): two transliterated names side by side, or one and the transliterated name
        jieba's dictionary has right before it, are one person's; Chinese never writes two
        persons side by side without a mark between them."""
        translit = self._translit
        if not any(j - i >= 2 and translit.issuperset(s[i:j]) for i, j in found):
            return  # most sentences: no foreign name
        at_end = {t.end: t for t in tokens if t.tag in ("nr", "nrt") and len(t.word) >= 2}
        lex = self.lex
        for i, j in sorted(found):
            if (i, j) not in found or not translit.issuperset(s[i:j]):
                continue
            a = i
            before = [x for x in found if x[1] == i and translit.issuperset(s[x[0] : x[1]])]
            if before:
                a = before[0][0]
            elif i in at_end and translit.issuperset(at_end[i].word) and at_end[i].word not in lex.world_places \
                    and not self.gaz.lookup(at_end[i].word):
                a = at_end[i].start
            if a < i and j - a <= 8 and free(a, j):
                rule = found.pop((i, j))
                for x in before:
                    found.pop(x, None)
                found[(a, j)] = rule

    def _clause_starts(self, s: str) -> list[int]:
        """Where a clause opens with a character that can start a name: the text's start and
        after a stop or a quote mark (not after a number: ７|万平米, nor inside a title)."""
        firsts, opening = _clause_opening()  # (a function word's character opens no name there)
        out = [0] if s[:1] in firsts else []
        out += [m.end() for m in opening.finditer(s)]
        return out

    def _opening_name(self, w: str) -> bool:
        """A surname and one or two given-name characters, no word and no form of address
        (孙先生), which the name statistics call a name."""
        sl = self.lex.is_surname_start(w, 0)
        return 1 <= len(w) - sl <= 2 and self.lex.given_chars.issuperset(w[sl:]) \
            and not self._common_word(w) and w[-1] not in _NOT_NAME_END and w[sl:] not in _POLITE \
            and w[0] not in _FUNCTION_CHARS and w not in self.lex.world_places and not self.gaz.lookup(w) \
            and self._names.score(w) >= _OPENING_NAME_SCORE[len(w) - sl]  # (由|小溪, 武隆: a preposition, a county)

    def _heads_a_name(self, s: str, j: int) -> bool:
        """A place's or a body's suffix (广场, 中心, 村, 公司) within three characters after s[j],
        with no word between that a name is followed by (某某|渔广场, 某某|会议中心; not 某某|在公司,
        nor a verb: 某某|闯警署)."""
        two = s[j : j + 2]
        if self.seg.tag(two if self.seg.known(two) else s[j : j + 1]) in _NOT_NAME_TAGS:
            return False
        for k in range(j + 1, min(j + 4, len(s))):
            c = s[k - 1]
            if not _CJK.match(c) or c in _AFTER_NAME or c in _FUNCTION_CHARS:
                return False
            if self.lex.place_suffix_re.match(s, k) or self.lex.org_suffix_re.match(s, k):
                return True
        return False

    def _glued_name(self, w: str) -> bool:
        """A surname and one or two characters, no word, no form of address, no place's or
        body's name, no country's side in talks (而|巴方, 某方: a country's first character and 方):
        what is left of a new word when the function word jieba glued to it is cut."""
        sl = self.lex.is_surname_start(w, 0)
        return sl > 0 and 1 <= len(w) - sl <= 2 and not self._common_word(w) and w[-1] not in _NOT_NAME_END \
            and not (len(w) == 2 and w[1] == "方") and w[sl:] not in _POLITE and w not in self.lex.world_places and not self.gaz.lookup(w)

    def _of_country(self, s: str, i: int, j: int) -> bool:
        """Whether a transliterated name at s[i:j] is told a person's by its country beside it: 某国的|某某,
        某国队的|某某, 某国人|某某 before it, or （某国） right after it (a list of athletes)."""
        countries = self.lex.world_places
        for tail in ("队的", "的", "人"):
            if s.endswith(tail, 0, i):
                k = i - len(tail)
                if any(countries.get(s[k - L : k]) == "country" for L in (2, 3, 4, 5) if k - L >= 0):
                    return True
        if s[j : j + 1] in ("（", "("):
            close = s.find("）" if s[j] == "（" else ")", j + 1, j + 8)
            return close > 0 and countries.get(s[j + 1 : close]) == "country"
        return False

    def _translit_runs(self, s: str, tokens: list[Token]) -> list[tuple[int, int, str]]:
        """Runs of whole words spelt only in transliteration characters (阿斯|森|蒂斯), two to six
        characters, that are no place and no common word, with jieba's tag where the run is one
        word ("" where it is more); a country or city the run opens with is cut off (巴西|某某)."""
        out = []
        # a run of such words is a stretch of two or more such characters: only the words in
        # those stretches are looked at (most sentences have few or none), found by bisection
        for a, b in [m.span() for m in _translit_stretch().finditer(s)]:
            k = bisect.bisect_left(tokens, a, key=_token_start)
            n = bisect.bisect_left(tokens, b, lo=k, key=_token_start)
            self._translit_runs_in(s, tokens, k, n, out)
        return out

    def _translit_runs_in(self, s: str, tokens: list[Token], k: int, n: int, out: list) -> None:
        """`_translit_runs` over the words tokens[k:n]."""
        translit, lex = self._translit, self.lex
        while k < n:
            if not translit.issuperset(tokens[k].word):
                k += 1
                continue
            m = k
            while m + 1 < n and tokens[m + 1].start == tokens[m].end and translit.issuperset(tokens[m + 1].word):
                m += 1
            while k < m and (tokens[k].tag in _FUNCTION_TAGS and tokens[k].tag != "d" or tokens[k].word in _WHEN_CHARS):
                k += 1  # 以|某某某: a preposition before the name, spelt the same (a one-character first piece stays whole);
                # 形势|时|某某某说: "when" closing the clause before
            last = m
            while last > k and (tokens[last].tag in _FUNCTION_TAGS or tokens[last].word in _WHEN_CHARS):
                last -= 1  # 某某某|曾说过: an adverb after it; 某某某|时: "when"
            i, j, one = tokens[k].start, tokens[last].end, tokens[k] if last == k else None
            k = m + 1
            for L in (4, 3, 2):
                if j - i - L >= 2 and (s[i : i + L] in lex.world_places or self.gaz.lookup(s[i : i + L])):
                    i, one = i + L, None
                    break
            w = s[i:j]
            if not 2 <= len(w) <= 6 or w in lex.world_places or self.gaz.lookup(w):
                continue
            if one is not None and one.tag not in _TRANSLIT_RUN_TAGS:
                continue  # 本来, 比如: a word of another kind, however it is spelt
            if one is not None and one.tag == "nz" and len(w) == 2:
                continue  # 普通: two characters jieba's dictionary holds as a word of its own, no foreign name
            out.append((i, j, one.tag if one is not None else ""))

    def _byline_names(self, s: str, i: int) -> list[tuple[int, int]]:
        """Names after a byline role: runs of 2–9 characters separated by spaces or 、, ending at
        punctuation or the end of the text (记者 林雨桐 韩冰), each run split into names."""
        out = []
        roles = self._byline_roles  # (in any order: the nearest one is looked for)
        for m in re.finditer(r"[\u3400-\u9fff]{2,12}", s[i : i + 24]):
            a, b = i + m.start(), i + m.end()
            cut = min([p for p in (s.find(r, a, b) for r in roles) if p > a], default=-1)
            if cut > a:
                b = cut  # 钱慧杨秀英苏婷通讯员谢敏: the next role ends this run
            if b - a < 2:
                break
            if out and s[out[-1][1] : a].strip(" \u3000、") != "":
                break
            if not out and a != i:
                break
            parts = split_name_run(s[a:b], self.lex)
            if not parts or len(parts) > 4:
                break
            out.extend((a + x, a + y) for x, y in parts)
            if b < len(s) and s[b] not in " \u3000、":
                if s.startswith(roles, b):
                    return out  # the next role starts its own run
                break
        if out and out[-1][1] < len(s) and _CJK.match(s[out[-1][1]]):
            return []  # the run went on into prose: not a byline
        return out

    def _japanese_names(self, s: str, tokens: list[Token], bounds, titles) -> list[tuple[int, int]]:
        """Japanese names: a family name of japanese_surnames.txt at a word's start, then one to
        three given-name characters, closed by a post, a form of address, a pause, a verb or a
        function word (某田某郎|首相, 某本某惠|为, 某野某子|女士). A one-character given name
        needs a post or an address beside it: two characters alone are too often a word."""
        title_end = {t.end for t in titles}
        # the positions a family name starts at, all found in one pass of an automaton, not a
        # loop over every character: most sentences have none, and then no token map is built
        starts = sorted({e - n + 1 for e, n in self._japanese_finder.iter(s)})
        starts = [i for i in starts if i < len(s) - 2 and (i in bounds or i in title_end)]
        if not starts:
            return []
        lex = self.lex
        out = []
        at = {t.start: t for t in tokens}
        title_at = {t.start for t in titles}
        for i in starts:
            for L in (3, 2):
                if s[i : i + L] not in lex.japanese_surnames:
                    continue
                for g in (3, 2, 1):
                    j = i + L + g
                    if j > len(s) or not lex.japanese_given_chars.issuperset(s[i + L : j]) \
                            or _RESULT_HEAD.issuperset(s[i + L : j]):  # 新井|三十六口: a number
                        continue
                    nxt = at.get(j)
                    cue = j in title_at or s.startswith(_POLITE, j) or i in title_end
                    close = j == len(s) or not _CJK.match(s[j]) or cue or (nxt is not None and (
                        nxt.tag in _NOT_NAME_TAGS or nxt.tag in ("t", "vn") or s.startswith(_PERSON_VERBS, j)))
                    if close and (g >= 2 or cue) and (j in bounds or j == len(s) or j in title_at):
                        out.append((i, j))
                        break
                else:
                    continue
                break
        return out

    def _foreign_before_date(self, w: str) -> bool:
        """Whether the characters between a post and a date (总统|某某|12日) are a transliterated
        name: spelt with the characters of transliterations, and no place nor ordinary word."""
        return self._translit.issuperset(w) and w not in self.lex.world_places and not self.gaz.lookup(w) \
            and self.seg.tag(w) not in _NOT_NAME_TAGS and w not in self.lex.title_heads

    def _credit_bracket(self, s: str) -> tuple[int, list[tuple[int, int]]]:
        """The names closing a contributor's credit in brackets after the text (…。(某省某县|王某某
        李某), (某某厂宣传部|王某某)): the writer's place or body, then one to three names. The cut
        is the last one where the words before end like a place or a body and the rest splits
        into names, so the affiliation is never read as a name: (where the bracket's text
        starts, the names), or (0, [])."""
        m = _CREDIT_BRACKET.search(s)
        if m is None or (m.start() > 0 and s[m.start() - 1] not in "。！？!?”"):
            return 0, []
        lex = self.lex
        body = m.group(1)
        if body.endswith(("摄", "摄影")) or any(r in body for r in lex.byline_roles) or split_name_run(body, lex):
            return 0, []  # a photo credit, a byline, or names alone: the rules of those read them
        for cut in range(len(body) - 2, 1, -1):
            head = body[:cut]
            if not (head[-1] in "省市县区州旗盟" or head[-1] in _NOT_NAME_END or _ends_with_any(head, lex.org_suffixes)
                    or _ends_with_any(head, lex.place_suffixes)
                    or any(self.gaz.lookup(head[-k:]) or head[-k:] in lex.world_places for k in (2, 3) if k <= len(head))):
                continue
            names = split_name_run(body[cut:], lex)
            if names and len(names) <= 3 and not any(self._common_word(body[cut + a : cut + b])
                                                     or body[cut + b - 1] in _NOT_NAME_END for a, b in names):
                return m.start(1), [(m.start(1) + cut + a, m.start(1) + cut + b) for a, b in names]
        return 0, []

    def _foreign_name_at(self, s: str, i: int, broad: bool = False) -> int:
        """End of a transliterated name (three to seven transliteration characters, parts joined by ·) starting at s[i], or 0.
        `broad` takes every character of transliteration, where a name is expected anyway."""
        chars = self._translit if broad else self._translit_core
        j = i
        while j < len(s) and (s[j] in chars or (s[j] in "·•" and j > i and j + 1 < len(s) and s[j + 1] in chars)):
            j += 1
        if j - i < 2 or s[i:j] in self.lex.world_places:
            return 0
        # a following word jieba knows ends the name (拉 of 拉动 is not the name's)
        while j - i > 2 and self.seg.known(s[j - 1 : j + 1]) and self.seg.tag(s[j - 1 : j + 1]) not in ("nr", "nrt", "ns"):
            j -= 1
        if j - i > 2 and s[j - 1] in _WHEN_CHARS:
            j -= 1  # 某某某|时转交: "when", which hardly closes a transliteration (比利时 is a country, looked up before)
        return j

    def _odd_name(self, w: str) -> bool:
        """A common word with a place's ending (大山, 江山, 上海滩 stays): a word jieba also
        knows as something else, or two characters where the first is a common adjective."""
        if len(w) != 2:
            return False
        # 登山, 下山, 落海, 商海: a verb, a direction or a noun before the ending makes a word
        return w[0] in "大小高深远长江山河湖海" or (self.seg.tag(w[0]) in ("v", "f", "d", "p", "n") and not self.gaz.lookup(w))

    def _odd_place_word(self, w: str) -> bool:
        """A word jieba calls a place or proper noun that no gazetteer knows (a two-character name after a post
        is a name, whatever jieba's dictionary says)."""
        return self.seg.tag(w) in ("ns", "nz") and w not in self.lex.world_places and not self.gaz.lookup(w)

    def _opens_a_name(self, s: str, i: int, j: int, tokens: list[Token], bounds: set[int]) -> bool:
        """Whether the words at s[i:j] can be a name's: it starts where jieba's words do (not in
        主席国|时 or 教练席|上), and neither opens with a word that is a verb or a function word
        (来到|南, 向|毛, 都|能达) nor goes on with a time or function word (谈|明年)."""
        if i not in bounds:
            return False
        tok = next((t for t in tokens if t.start == i), None)
        if tok is None:
            return False
        if len(tok.word) >= 2 and tok.tag in _OPENS_NO_NAME:
            return False
        if len(tok.word) == 1 and tok.tag in _FUNCTION_TAGS and self._names.score(s[i:j]) < 1.0:
            return False  # 向|毛主席; but 于|某某, 向|某某 are surnames the statistics vouch for
        if len(tok.word) == 1 and tok.tag == "v":
            # 总统|谈|内政外交, 负责人|闻|说, 老师|包|的: a verb of one character after the post, and
            # then a cut through a word or only verbs and particles, is what the person does; a
            # surname jieba tags a verb is followed by a given name it reads as a word of its own
            # (but 会长|符|建成|向…: a given name that is a verb, closed as a name is, stays)
            rest = [t for t in tokens if i < t.start < j]
            if (j not in bounds or not rest or all(t.tag in _NOT_NAME_TAGS or t.tag in _FUNCTION_TAGS for t in rest)) \
                    and not self._verb_given_name_closed(s, i, j) and s[i + 1 : j] not in self.lex.given_name_words:
                return False
        rest = s[i + 1 : j]
        return not (len(rest) == 2 and self.seg.known(rest) and self.seg.tag(rest) in _GIVEN_NO_NAME)

    def _common_word(self, w: str) -> bool:
        """A dictionary word that is not a name (关于, 智慧): never taken for one."""
        return self.seg.known(w) and self.seg.tag(w) not in ("nr", "nrfg", "nrt", "oov")

    def _dotted_names(self, m: re.Match, tokens: list[Token]) -> list[tuple[int, int, int, int]]:
        """The names of a run of characters and name dots, one per chain of dots whose parts
        between them spell on or are one word (甲·乙·丙 and 甲·本·乙 are
        one name each; 甲·乙的遗孀丙·乙 is two, the part between holding 的遗孀):
        (left bound, first dot, last dot, right bound)."""
        words = {(t.start, t.end) for t in tokens}
        dots = [i for i in range(m.start(), m.end()) if m.string[i] in _NAME_DOTS]
        translit = self._translit
        chains, cur = [], [dots[0]]
        for a, b in zip(dots, dots[1:]):
            middle = m.string[a + 1 : b]
            if len(middle) <= 6 and (translit.issuperset(middle) or (a + 1, b) in words):
                cur.append(b)
            else:
                chains.append(cur)
                cur = [b]
        chains.append(cur)
        out = []
        for n, chain in enumerate(chains):
            left = chains[n - 1][-1] + 1 if n else m.start()
            right = chains[n + 1][0] if n + 1 < len(chains) else m.end()
            out.append((left, chain[0], chain[-1], right))
        return out

    def _add_dotted(self, s, tokens, places, left, dot, last_dot, right, free, add, found) -> None:
        """One name in parts joined by name dots: its ends set by jieba's words and the
        characters transliterations are spelt with, never into a country (柬埔寨|诺罗敦·…)."""
        lex = self.lex
        # countries and divisions next to the name: its ends stop at them, though a name may
        # be tagged ns by jieba (so places do not block names in general)
        fixed = [(p.start, p.end) for p in places if p.rule in ("world", "gazetteer") and left < p.end and p.start < right]
        i = dot
        while i > left and dot - i < 6 and s[i - 1] in self._translit and free(i - 1, dot) \
                and not any(a < i <= b for a, b in fixed):
            i -= 1
        inside = next((t for t in tokens if t.start < i < t.end), None)
        if inside is not None and inside.tag not in ("oov", "nr", "nrt", "nrfg") and len(inside.word) >= 2:
            i = inside.end  # 丈夫|阿西夫·: never the tail of a word jieba knows
        # or the whole word jieba cut before the dot (焦尔乔·, 川·), if nothing else claims it
        tok = next((t for t in tokens if t.start < dot <= t.end), None)
        if tok is not None and tok.start < i and tok.start >= left and dot - tok.start <= 6 and tok.tag not in _NOT_NAME_TAGS \
                and free(tok.start, dot) and _ALL_CJK.match(s[tok.start:dot]) and not any(a < dot and tok.start < b for a, b in fixed) \
                and not (i - tok.start == 1 and dot - i >= 2 and s[tok.start] in _GLUED_WHERE):
            i = tok.start  # (not 会|上|某某·: a word of where, glued on by jieba, before a spelt name)
        k = last_dot + 1
        j = base = k + 1
        tok = next((t for t in tokens if t.start <= k < t.end), None)
        if tok is not None and tok.end - k <= 6 and tok.end <= right and _ALL_CJK.match(s[k:tok.end]) and (
                tok.tag not in _NOT_NAME_TAGS
                # right after the dot a short word is the name's part whatever jieba calls it (·甘地)
                or (tok.start == k and tok.end - k <= 3 and tok.tag not in _FUNCTION_TAGS)):
            j = base = tok.end  # 吕特|格尔斯: the word after the dot, then what spells on
            while j - k > 1 and s[j - 1] not in self._translit and (tok.tag == "oov" or tok.start != k):
                j -= 1  # 布鲁杰尔迪访, 谢弗等: the tail jieba glued on is no part of the name
                base = j
        at = {t.start: t for t in tokens}
        while j < right and j - k < 6 and not any(a <= j < b for a, b in fixed):
            nxt = at.get(j)
            if nxt is not None and nxt.tag in ("nr", "nrt") and j - k + len(nxt.word) <= 6 \
                    and self._translit.issuperset(nxt.word):
                j = base = nxt.end  # 伯尔|穆特: a name-tagged word spelt on as a whole
            elif s[j] in self._translit and not (nxt is not None and len(nxt.word) == 1 and nxt.tag in _FUNCTION_TAGS):
                j += 1  # a character transliterations are spelt with, not a word of its own (曾 of 曾把)
            else:
                break
        # a following word ends the name (拉 of 拉动, 法 of 法国), never inside jieba's word
        while j > base and (self.seg.known(s[j - 1 : j + 1]) and self.seg.tag(s[j - 1 : j + 1]) not in ("nr", "nrt", "ns")
                            or s[j - 1 : j + 1] in lex.world_places):
            j -= 1
        if j - k > 1 and s[j : j + 1] in _ASPECT_MARKS:
            j -= 1  # 某某某开|着: a verb before an aspect mark is no part of the name
        elif j < right and not self.seg.known(s[j - 1 : j + 1]) and self._last_name_char(s, j):
            j += 1  # 甲·乙丙|立和…, 甲·乙丙|军拿出: Thai and other names end in characters no transliteration table lists
        if i < dot and j > k and s[i:j] not in lex.world_places \
                and not (s[dot - 1] in "报刊" and self._common_word(s[k:j])):
            # (某县报·社会, 某某日报·要闻: a paper's running head and its section, no name)
            add(i, j, "dotted-name")
            if (i, j) in found:
                for a, b in [x for x in found if x != (i, j) and (i <= x[0] and x[1] <= j or (
                        x[0] < j and i < x[1] and any(c in _NAME_DOTS for c in s[x[0] : x[1]])))]:
                    del found[(a, b)]  # a part, or another reading of the dotted name, is the whole name's

    def _last_name_char(self, s: str, j: int) -> bool:
        """Whether s[j], right after the last part of a dotted name, is the name's own last
        character: no function word, no ending of a body's or a site's name (圣·某某|山), no word
        with the next (史密斯|夫人, 史密斯|访华), and followed by what follows a subject or by a verb."""
        c = s[j]
        if not _CJK.match(c) or c in self._translit or c in _AFTER_NAME or c in _FUNCTION_CHARS or c in _NOT_NAME_END \
                or c in _NATURAL_END or c in _SITE_END or c in _DOTTED_TAIL_STOP or self.seg.known(s[j : j + 2]):
            return False
        nxt = s[j + 1 : j + 3]
        return nxt[:1] in _AFTER_SUBJECT_OR_CLOSE or (len(nxt) == 2 and self.seg.known(nxt) and self.seg.tag(nxt) in ("v", "vn", "d"))

    def _plausible_person(self, m: Mention, s: str) -> bool:
        w = m.text
        if w in self.lex.world_places or w in self.lex.agency_words or w in self.lex.not_person_words:
            return False  # (卢布, 塔利班, 厄尔尼诺: a currency, a movement, a current, whatever they look like)
        if m.rule == "latin-name":
            return True  # a word in Latin letters: the cue beside it is the whole evidence
        if not _ALL_CJK.match(_INNER_DOTS.sub("", w) if any(d in w for d in _NAME_DOTS) else w):
            return False
        if w.endswith(_POLITE) or (m.rule == "after-role" and self._word_as_given_name(w)) \
                or (m.rule == "after-role" and self._given_char_in_word(s, m.start, m.end)):
            return False  # 孙先生 is a way to address a person, 时表示 two words
        if m.rule in ("jieba-nr",) and self.gaz.lookup(w):
            return False
        if m.rule == "jieba-nr" and len(w) == 2 and self.seg.tag(w) == "nr" and self._names.score(w) < _NR_WORD_SCORE \
                and not self._translit.issuperset(w):
            return False  # 玉米|等, 文明、: two characters jieba's dictionary calls a name, that names hardly look like
        if len(w) == 3 and w[0] == w[2] and w[0] in "越愈":
            return False  # 越学越|好: the grammar of "the more … the more", however jieba tags it
        if m.rule in ("jieba-nr", "name-model") and self._translit.issuperset(w) and _CLUB_TALK.search(s) \
                and not self.lex.person_cued(s, m.start, m.end, _PERSON_VERBS):
            return False  # 阿森纳对桑德兰…连胜: a club where a match is told of, unless a person's word is beside it
        if w[0] in _WHEN_CHARS and m.start > 0 and _CJK.match(s[m.start - 1]) and len(w) >= 2 \
                and (w[1:].startswith(_PERSON_VERBS) or self.seg.tag(w[1:]) in ("v", "vn", "d")):
            return False  # 会见记者时|表示: 时 closes a clause (when …), and a verb follows
        if w[0] in _FUNCTION_SURNAMES and len(w) <= 3 and m.rule != "dotted-name" and _CJK.match(s[m.end : m.end + 1] or "。") \
                and (self.seg.tag(w[1:]) in ("p", "f", "t", "d", "r", "m") or (
                    m.rule not in ("after-title", "byline", "after-role") and (self._common_word(w[1:]) or self.seg.tag(w[1:]) == "v"))):
            return False  # 向|国家主席, 于|今日凌晨, 应|由专: a preposition before its object runs on; a name may stand alone (向某）, 于某某、)
        if _AFTER_NUMBER.search(s, 0, m.start):
            return False  # ３亿谢克尔, ５２００万里拉: what follows a number is a unit or a currency
        nxt = s[m.end : m.end + 1]
        # a name is not followed by an agency or place suffix (王家村, 张庄镇)
        if nxt and nxt in "村镇乡县市省区街路庄寨屯" and m.rule in ("jieba-nr", "name-shape", "joined-name", "name-model"):
            return False
        if m.rule == "name-model" and (self.lex.place_suffix_re.match(s, m.end) or self.lex.org_suffix_re.match(s, m.end)):
            return False  # 某某|花园, 某某|公司: the head of a place's or a body's name
        if s[m.start - 1 : m.start] in "“\"" and s[m.end : m.end + 2] in ("”号", "”级", "\"号", "\"级"):
            return False  # “某某某”号, “某某”级: a ship or a class of ships named so, not the person
        if m.rule in ("jieba-nr", "name-model", "name-shape", "foreign-name") and s.startswith(self.lex.site_kinds, m.end):
            return False  # 某某|火山, 某某|海滩, 某某某|河: the site's name, not a person's
        if m.rule in ("name-model", "name-shape") and (w[-1] in _SITE_END or self._heads_a_name(s, m.end)):
            return False  # 某某岛, 某某|渔广场, 某某|国际艺术村: a site's or a body's name, not a person's
        if m.rule == "jieba-nr" and self._translit.issuperset(w) and not s.startswith(self.lex.person_cues_after, m.end) \
                and (self.lex.place_suffix_re.match(s, m.end) or self.lex.org_suffix_re.match(s, m.end)
                     or self._heads_a_name(s, m.end)):
            return False  # 某某某|空军基地, 某某某|城: a foreign place's or body's name
        if w[-1] == "卡" and len(w) >= 3 and self.seg.known(w[:-1]) and not self._translit.issuperset(w):
            return False  # 银行|卡, 白金|卡: a kind of card
        if w[0] in _MEASURE_CHARS and m.start > 0 and s[m.start - 1] in _COUNTING:
            return False  # 这位|彩民, 一名|队员: a measure word and a noun, no surname
        return True

    # ---- events --------------------------------------------------------------------------
    def _events(self, s: str) -> list[Mention]:
        out = []
        for m in self.lex.event_noun_re.finditer(s):
            if s.startswith(_VENUE_AFTER_EVENT, m.end()):
                continue  # 会议|中心, 会议|室: where meetings are held, no meeting
            out.append(Mention(m.start(), m.end(), m.group(), "event", self.lex.event_nouns[m.group()], "event-noun"))
        return out


# what makes a meeting word a venue's name (会议中心, 会议室, 会议厅, 大会堂)
_VENUE_AFTER_EVENT = ("中心", "室", "厅", "楼", "馆", "堂", "场所")


_TYPE_PRIORITY = {"person": 0, "organization": 1, "position": 2, "place": 3, "event": 4}  # (built once, not per sentence)


def _resolve_overlaps(ms: list[Mention]) -> list[Mention]:
    """Overlapping mentions: posts and names never overlap; a longer organization beats a place
    inside it for output (the place stays known to resolution through the organization)."""
    priority = _TYPE_PRIORITY
    ms = sorted(ms, key=lambda m: (-(m.end - m.start) if m.type != "person" else -100, priority[m.type], m.start))
    taken: list[Mention] = []
    for m in ms:
        clash = False
        for t in taken:
            if m.start < t.end and t.start < m.end:
                clash = True
                break
        if not clash:
            taken.append(m)
    return sorted(taken, key=lambda m: (m.start, m.end))


def find_mentions(text: str) -> list[Mention]:
    """Mentions in one cleaned text, outermost spans, sorted by position.

    >>> [(m.text, m.type) for m in find_mentions("县委书记周文博主持召开会议")]
    [('县委书记', 'position'), ('周文博', 'person'), ('会议', 'event')]
    """
    return MentionFinder().find(text)
