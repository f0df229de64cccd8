"""Numerals, multipliers, units, qualifiers, ranges, ranks, multiples: the quantity grammar."""
import pytest

from innovation_indicators.extract.numbers import parse_chinese
from innovation_indicators.extract.quantities import mask_non_facts, scan


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("两", 2), ("十", 10), ("十五", 15), ("二十", 20), ("一百零五", 105),
    ("一千二百", 1200), ("三千零八", 3008), ("两万三千", 23000), ("十二万", 120000),
    ("一亿二千万", 120000000), ("五百", 500), ("九十九", 99), ("〇", 0),
])
def test_chinese_numerals(text, value):
    assert parse_chinese(text) == value


def one(sentence):
    toks = scan(sentence)
    assert len(toks) == 1, [(sentence[t.prefix_start:t.end], t.value) for t in toks]
    return toks[0]


@pytest.mark.parametrize("sentence,value,unit", [
    ("全区拥有孵化器36家。", 36, "家"),
    ("累计认定企业2.7万家。", 27000, "家"),
    ("营收达到1,250亿元。", 1.25e11, "元"),
    ("产业规模1.7万亿元。", 1.7e12, "元"),
    ("引进资金3800万元。", 3.8e7, "元"),
    ("完成投资85.6亿元。", 8.56e9, "元"),
    ("吸引外资12亿美元。", 1.2e9, "美元"),
    ("建成厂房20万平方米。", 2e5, "平方米"),
    ("规划面积16.5平方公里。", 1.65e7, "平方米"),
    ("流转土地3000亩。", 2e6, "平方米"),
    ("共享仪器1200台(套)。", 1200, "台(套)"),
    ("共享仪器1200台（套）。", 1200, "台(套)"),
    ("聚集院士12名。", 12, "人"),
    ("引进博士300位。", 300, "人"),
    ("服务企业5000次。", 5000, "次"),
    ("发表论文800篇。", 800, "篇"),
    ("认定专利4500件。", 4500, "件"),
    ("建成实验室一千二百个。", 1200, "个"),
    ("培育企业两百家。", 200, "家"),
    ("新建校区三所。", 3, "所"),
    ("接待游客50万人次。", 5e5, "人次"),
    ("新增装机容量120万千瓦。", 1.2e6, "千瓦"),
    ("发放补贴１２００万元。", 1.2e7, "元"),
    ("占比27.5%。", 27.5, "%"),
    ("占比百分之二十。", 20, "%"),
    ("约有三成企业参与。", 30, "%"),
    ("占全省三分之一。", 33.33, "%"),
    ("占全省1/4。", 25, "%"),
    ("较上年提高0.3个百分点。", 0.3, "个百分点"),
])
def test_values_and_units(sentence, value, unit):
    t = one(sentence)
    assert t.value == pytest.approx(value, rel=1e-6)
    assert t.unit == unit


@pytest.mark.parametrize("sentence,qualifier", [
    ("营收超5858亿元。", "over"), ("营收超过300亿元。", "over"), ("注册量突破58亿个。", "over"),
    ("企业逾千家。", None), ("平台近20个。", "nearly"), ("人才接近500人。", "nearly"),
    ("平台80余个。", "more_than"), ("项目100多项。", "more_than"), ("企业2万余家。", "more_than"),
    ("人员约8.5万人。", "about"), ("企业3000家以上。", "over"), ("收入50亿元左右。", "about"),
])
def test_qualifiers(sentence, qualifier):
    toks = scan(sentence)
    if qualifier is None:        # 逾千家: 千 alone is not a numeral we read
        assert toks == [] or toks[0].qualifier in (None, "over")
        return
    assert one(sentence).qualifier == qualifier


@pytest.mark.parametrize("sentence,low,high,unit", [
    ("成本降低了30%—50%的目标值为30%-50%。", 30, 50, "%"),
    ("每年新增3-5家。", 3, 5, "家"),
    ("建设3至5个平台。", 3, 5, "个"),
])
def test_ranges_are_one_fact(sentence, low, high, unit):
    toks = [t for t in scan(sentence) if t.value_max is not None]
    assert toks and toks[0].value == low and toks[0].value_max == high and toks[0].unit == unit


@pytest.mark.parametrize("sentence,growth", [
    ("收入同比增长27.1%。", 27.1),
    ("企业数量增长11.94%。", 11.94),
    ("成交额增长1.5倍。", 150),
    ("成交额是上年的4.8倍。", 380),
    ("产值翻一番。", 100),
    ("产值翻两番。", 300),
    ("增加值增速超40%。", 40),
    ("经济总量增速达5.4%。", 5.4),
    ("能耗同比下降3.2%。", -3.2),
    ("库存减少12%。", -12),
])
def test_growth(sentence, growth):
    toks = [t for t in scan(sentence) if t.role == "growth"]
    assert len(toks) == 1 and toks[0].growth_pct == pytest.approx(growth)


def test_level_after_change_verb_is_not_growth():
    toks = scan("强度从2018年的2.81%上升到2023年的3.34%。")
    assert [t.role for t in toks] == ["level", "level"]
    assert [t.value for t in toks] == [2.81, 3.34]


@pytest.mark.parametrize("sentence,rank", [
    ("上海集群位列第五。", 5), ("南京集群排名第九。", 9), ("增速居全国第一。", 1),
    ("综合排名第3位。", 3), ("位居全省第2名。", 2), ("名列第十二。", 12),
])
def test_ranks(sentence, rank):
    t = one(sentence)
    assert t.role == "rank" and t.value == rank and t.unit == "位"


@pytest.mark.parametrize("sentence", [
    "第三批名单已公布。", "召开第六次会议。", "发布第二轮方案。", "人民日报第09版。",
    "2021年11月8日举行。", "10:41:49发布。", "热线021-22002972。", "渝ICP备2020014939号。",
    "访问www.example.cn查看。", "推出5G套餐与3D打印服务。", "出台“1+3”政策文件。",
    "围绕“三个强化”开展工作。", "印发《十条政策》。", "又一次推动合作。", "一批平台加快建设。",
    "十大行动全面启动。", "“十四五”规划出台。", "北斗三号芯片落地。", "5月13日签约。", "D4022次列车出发。",
])
def test_not_facts(sentence):
    assert [(sentence[t.prefix_start:t.end]) for t in scan(sentence) if t.role != "rank"] == []


def test_mask_keeps_length():
    s = "2021-08-27 10:41:49 来源"
    assert len(mask_non_facts(s)) == len(s)


def test_distributive_list_shares_unit_and_multiplier():
    toks = scan("三类产业规模分别达到了1.7、1.2、1.1万亿元。")
    assert [t.value for t in toks] == [1.7e12, 1.2e12, 1.1e12]
    assert {t.unit for t in toks} == {"元"} and len({t.list_id for t in toks}) == 1


def test_list_with_own_units_is_grouped():
    toks = scan("分别增长130%、56%、51%。")
    assert [t.growth_pct for t in toks] == [130, 56, 51]


def test_list_of_multiples():
    toks = scan("分别是上年的4.8倍和3倍。")
    assert [t.growth_pct for t in toks] == [380, 200]
