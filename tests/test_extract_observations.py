"""Whole observations from sentences written for these tests: subjects, lists, growth,
periods, regions, evidence spans, deduplication, and what must be left out."""
from datetime import date

import pytest

from innovation_indicators.extract.observations import extract_observations

PUB = date(2024, 8, 20)


def obs(text, pub=PUB, **kw):
    return extract_observations(text, pub, **kw)


# -- subjects --------------------------------------------------------------------------------
@pytest.mark.parametrize("text,subject,value", [
    ("目前全市已汇聚高新技术企业1.2万家。", "高新技术企业", 12000),
    ("全市新增1.2万家高新技术企业。", "高新技术企业", 12000),
    ("园区建成科技孵化器45家。", "科技孵化器", 45),
    ("新布局大科学装置等4个国家重大科技基础设施。", "国家重大科技基础设施", 4),
    ("全区共有市级工程技术研究中心88个。", "市级工程技术研究中心", 88),
    ("获批国家级企业技术中心6家。", "国家级企业技术中心", 6),
    ("累计引进海外高层次人才650人。", "海外高层次人才", 650),
    ("扎实推进20项重点合作事项。", "重点合作事项", 20),
    ("对35项重点项目明确责任。", "重点项目", 35),
    ("签约高校、科研院所等27家。", "高校、科研院所", 27),
    ("全市研发经费投入达到612亿元。", "研发经费投入", 6.12e10),
    ("科技创新券已支持企业购买检测服务超5000次。", "检测服务", 5000),
    ("专精特新“小巨人”企业达到96家。", "小巨人", 96),
    ("发明专利授权量达到1.8万件。", "发明专利授权量", 18000),
    ("每万人口高价值发明专利拥有量达到15.2件。", "每万人口高价值发明专利拥有量", 15.2),
])
def test_subject(text, subject, value):
    rows = obs(text)
    assert len(rows) == 1, rows
    assert subject in rows[0]["subject"]
    assert rows[0]["value"] == pytest.approx(value)


@pytest.mark.parametrize("text,expected", [
    ("新增数字经济企业420家、累计近3000家。", [("新增数字经济企业", 420), ("累计数字经济企业", 3000)]),
    ("全市新认定高新技术企业500家，累计认定高新技术企业4000家。",
     [("新认定高新技术企业", 500), ("累计认定高新技术企业", 4000)]),
    ("国家级孵化器12家、省级孵化器40家。", [("国家级孵化器", 12), ("省级孵化器", 40)]),
    ("全市32个科创园区已建成300万平方米，在建120万平方米。",
     [("科创园区", 32), ("科创园区建成", 3e6), ("在建科创园区", 1.2e6)]),
    ("入驻企业210家、高校15所、研究院所33家。", [("企业", 210), ("高校", 15), ("研究院所", 33)]),
])
def test_subjects_in_series(text, expected):
    rows = obs(text)
    assert [(r["subject"], r["value"]) for r in rows] == [(s, pytest.approx(v)) for s, v in expected]


# -- distributive lists and series -----------------------------------------------------------
def test_distributive_list_gives_each_item_its_subject():
    rows = obs("全省集成电路、生物医药、新能源产业规模分别达到了2.1、1.5、0.9万亿元。")
    assert [(r["subject"], r["value"], r["unit"]) for r in rows] == [
        ("集成电路产业规模", 2.1e12, "元"), ("生物医药产业规模", 1.5e12, "元"), ("新能源产业规模", 0.9e12, "元")]


def test_distributive_growth_list():
    rows = obs("人工智能、工业软件、智能装备分别增长45%、31%、22%。")
    assert [(r["subject"], r["growth_pct"], r["value"]) for r in rows] == [
        ("人工智能", 45, None), ("工业软件", 31, None), ("智能装备", 22, None)]


def test_distributive_multiples():
    rows = obs("出口额和进口额分别是上年的2.5倍和1.8倍。")
    assert [(r["subject"], r["growth_pct"]) for r in rows] == [("出口额", 150), ("进口额", 80)]


def test_growth_list_pairs_with_level_list():
    rows = obs("全市技术合同成交额和技术交易额分别为300亿元和420亿元，分别增长12%和18%。")
    assert [(r["subject"], r["value"], r["growth_pct"]) for r in rows] == [
        ("技术合同成交额", 3e10, 12), ("技术交易额", 4.2e10, 18)]


def test_from_to_series_gives_two_years():
    rows = obs("该省研发经费投入强度从2019年的2.1%上升到2023年的2.6%。")
    assert [(r["value"], r["period_label"], r["subject"]) for r in rows] == [
        (2.1, "2019", "研发经费投入强度"), (2.6, "2023", "研发经费投入强度")]


def test_per_ratio_is_a_share():
    rows = obs("全国每生产5台工业机器人中就有2台来自该省。")
    assert len(rows) == 1 and rows[0]["value"] == pytest.approx(40) and rows[0]["unit"] == "%"


# -- growth ----------------------------------------------------------------------------------
def test_growth_attaches_to_level_in_same_clause():
    rows = obs("全市高技术制造业实现增加值超900亿元、同比增长12.5%。")
    assert len(rows) == 1 and rows[0]["value"] == 9e10 and rows[0]["growth_pct"] == 12.5
    assert rows[0]["qualifier"] == "over"


def test_growth_skips_share_to_reach_level():
    rows = obs("实现软件业务收入近800亿元占全省1/2，增速超20%。")
    main = [r for r in rows if r["unit"] == "元"][0]
    assert main["growth_pct"] == 20


def test_growth_only_statement_is_its_own_row():
    rows = obs("今年上半年，全市技术合同成交额同比增长1.3倍。")
    assert len(rows) == 1
    r = rows[0]
    assert r["value"] is None and r["unit"] is None and r["growth_pct"] == pytest.approx(130)
    assert r["indicator_id"] == "tech_contract_turnover"


def test_growth_with_its_own_subject_does_not_attach():
    rows = obs("营业收入达到200亿元，利润增长15%。")
    assert [(r["subject"], r["value"], r["growth_pct"]) for r in rows] == [
        ("营业收入", 2e10, None), ("利润", None, 15)]


def test_percentage_points_take_context_subject():
    rows = obs("全市研发投入强度达到3.1%，较上年提高0.2个百分点。")
    assert [(r["subject"], r["value"], r["unit"]) for r in rows] == [
        ("研发投入强度", 3.1, "%"), ("研发投入强度", 0.2, "个百分点")]


# -- ranks -----------------------------------------------------------------------------------
def test_rank_takes_the_ranking_as_subject():
    rows = obs("2024年全球创新指数科技集群排名中，杭州集群位列第十四。")
    assert len(rows) == 1
    r = rows[0]
    assert r["value"] == 14 and r["unit"] == "位" and "全球创新指数" in r["subject"]
    assert r["region_name"] == "杭州市" and r["period_label"] == "2024"
    assert r["indicator_id"] == "gii_cluster_rank"


# -- periods ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text,label,assumed", [
    ("2023年上半年，全市新增高企300家。", "2023H1", False),
    ("今年上半年，全市新增高企300家。", "2024H1", False),
    ("今年前三季度，全市新增高企300家。", "2024Q1-Q3", False),
    ("去年，全市新增高企300家。", "2023", False),
    ("截至今年6月，全市有高企300家。", "as of 2024-06-30", False),
    ("截至去年年底，全市有高企300家。", "as of 2023-12-31", False),
    ("1-7月，全市新增高企300家。", "2024-01/2024-07", False),
    ("2022年以来，全市新增高企300家。", "2022-01-01/2024-08-20", False),
    ("“十三五”期间，全市新增高企300家。", "2016-2020", False),
    ("近三年，全市新增高企300家。", "2022-2024", False),
    ("目前，全市有高企300家。", "as of 2024-08-20", False),
    ("全市有高企300家。", "as of 2024-08-20", True),
    ("2021年度全市新增高企300家。", "2021", False),
])
def test_periods(text, label, assumed):
    rows = obs(text)
    assert len(rows) == 1
    assert rows[0]["period_label"] == label and rows[0]["is_period_assumed"] is assumed


def test_period_carries_through_paragraph():
    rows = obs("截至今年6月，全市有高企300家。其中，新认定高企80家。")
    assert [r["period_label"] for r in rows] == ["as of 2024-06-30", "as of 2024-06-30"]


def test_no_publication_date_leaves_relative_period_empty():
    rows = extract_observations("今年上半年，全市新增高企300家。", None)
    assert rows[0]["period_label"] is None


def test_period_after_publication_is_rejected():
    rows = obs("今年12月，全市新增高企300家。", date(2024, 3, 1))
    assert rows[0]["period_label"] is None


# -- regions ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text,region,code", [
    ("成都高新技术企业达到1.1万家。", "成都市", "510100"),
    ("成都市高新技术企业达到1.1万家。", "成都市", "510100"),
    ("沪、苏、浙、皖三省一市中，长三角研发投入强度达3.1%。", "长江三角洲地区", "Z-ER-YRD"),
    ("川渝两地高新技术企业达到2.7万家。", "成渝地区双城经济圈", "Z-ER-CY"),
    ("武汉东湖新技术开发区独角兽企业达到12家。", "东湖高新区", "Z-HTZ-DH"),
    ("合肥高新区新增瞪羚企业80家。", "合肥高新技术产业开发区", "Z-HTZ-340100"),
    ("襄樊高新技术企业达到900家。", "襄阳市", "420600"),
])
def test_region_codes(text, region, code):
    rows = obs(text)
    assert rows[0]["region_name"] == region and rows[0]["region_code"] == code


def test_pronoun_refers_to_pair():
    rows = obs("北碚区与绵阳市签署协议。目前两地已建成联合实验室12个。")
    assert rows[0]["region_name"] == "北碚区、绵阳市"


def test_region_inside_subject_is_not_governing():
    text = "两江新区数字经济发展提速。\n入选本年度重庆市重点软件企业34家。"
    rows = obs(text)
    assert rows[0]["region_name"] == "两江新区"


def test_organisation_names_are_not_regions():
    rows = obs("北京理工大学在该区建成实验室5个。", region_hint=None, title="苏州工业园区创新平台")
    assert rows[0]["region_name"] == "苏州工业园区"


def test_sentence_topic_governs_later_clauses():
    rows = obs("西安是西部重要的科教城市，是陕西省第一大城市，拥有高等院校63所。")
    assert rows[0]["region_name"] == "西安市"


def test_region_hint_sets_main_region():
    rows = obs("全区新增高新技术企业300家。", region_hint="天府新区")
    assert rows[0]["region_code"] == "Z-NA-TF"


# -- evidence, dedupe and exclusions ---------------------------------------------------------
def test_evidence_and_span():
    text = "第一段。\n今年，全市高新技术企业突破1.5万家，同比增长20%。"
    rows = obs(text)
    r = rows[0]
    assert text[r["char_start"]:r["char_end"]] == r["number_text"] == "1.5万家"
    assert r["evidence"] == "今年，全市高新技术企业突破1.5万家，同比增长20%。"
    assert r["qualifier"] == "over" and r["growth_pct"] == 20


def test_restated_fact_is_one_observation():
    text = "全市新增高新技术企业800家。\n总结全年，全市新增高新技术企业800家，成效明显。"
    assert len(obs(text)) == 1


@pytest.mark.parametrize("text", [
    "该中心将在未来建成实验室10个。",
    "力争到2027年高新技术企业达到2万家。",
    "预计全年技术合同成交额超过100亿元。",
    "从体系布局、空间布局两个层面发力。",
    "围绕“两个中心”建设推进“1+N”政策。",
    "此前一天，第五届创新大会在该市举行。",
    "联系电话：028-86001234，邮编610000。",
])
def test_left_out(text):
    assert obs(text) == []


def test_cooperation_plan_noun_is_not_future():
    rows = obs("实施科技创新合作计划，累计联合实施重点研发项目120个。")
    assert len(rows) == 1 and rows[0]["value"] == 120


def test_indicator_mapping_respects_unit_kind():
    rows = obs("全市高新技术企业营业收入超过5000亿元，高新技术企业达到9000家。")
    assert [r["indicator_id"] for r in rows] == ["high_tech_industry_revenue", "high_tech_enterprises"]


def test_unknown_subject_keeps_null_indicator():
    rows = obs("全市建成智慧路灯3200座。")
    assert rows[0]["indicator_id"] is None and rows[0]["value"] == 3200


def test_share_of_a_group_takes_the_noun_after_it():
    rows = obs("全市超六成企业开展研发活动。")
    assert rows[0]["value"] == 60 and rows[0]["unit"] == "%" and rows[0]["qualifier"] == "over"
    assert rows[0]["subject"].startswith("企业")


def test_nested_admin_names_take_the_most_specific():
    rows = obs("四川省成都市高新技术企业达到1.2万家。")
    assert rows[0]["region_code"] == "510100"


def test_each_city_of_a_sentence_governs_its_own_number():
    rows = obs("江苏省南京市新增独角兽企业5家，苏州市新增8家。")
    assert [(r["region_name"], r["value"], r["subject"]) for r in rows] == [
        ("南京市", 5, "新增独角兽企业"), ("苏州市", 8, "新增独角兽企业")]


def test_our_city_is_not_part_of_the_subject():
    rows = obs("今年1—10月，我市技术合同成交额同比增长21.3%。")
    assert rows[0]["subject"] == "技术合同成交额" and rows[0]["period_label"] == "2024-01/2024-10"


def test_distributive_regions():
    rows = obs("株洲、湘潭两市新增专精特新“小巨人”企业分别为12家和9家。")
    assert [(r["region_name"], r["value"]) for r in rows] == [("株洲市", 12), ("湘潭市", 9)]


def test_growth_list_pairs_with_separate_levels():
    rows = obs("全省共有高新技术企业1.57万家，科技型中小企业2.3万家，分别增长18.5%和22.1%。")
    assert [(r["value"], r["growth_pct"]) for r in rows] == [(15700, 18.5), (23000, 22.1)]


def test_title_year_frames_the_article():
    rows = obs("全省共有高新技术企业1.57万家。", title="2023年全省科技创新统计公报")
    assert rows[0]["period_label"] == "2023" and rows[0]["is_period_assumed"] is False


def test_round_threshold_before_exact_value_is_one_fact():
    rows = obs("去年全市技术合同登记成交额突破4000亿元，达到4234.6亿元，比上年增长1.5%。")
    assert [(r["value"], r["growth_pct"], r["indicator_id"]) for r in rows] == [
        (4234.6e8, 1.5, "tech_contract_turnover")]


def test_share_named_in_its_own_clause_keeps_its_subject():
    rows = obs("全社会研发投入2236.6亿元，其中企业研发投入占比达94.9%。")
    assert rows[1]["subject"] == "企业研发投入占比"


def test_compound_annual_growth_is_its_own_row():
    rows = obs("近五年，全市高新技术企业数量从4000家增长到14000家，年均增长28%。")
    assert [(r["value"], r["growth_pct"]) for r in rows] == [(4000, None), (14000, None), (None, 28)]
    assert rows[2]["subject"].endswith("年均增长")


def test_share_of_what_follows():
    rows = obs("东湖高新区以占全市5.8%的面积，贡献了全市30%的高新技术企业。")
    assert [(r["subject"], r["value"]) for r in rows] == [("面积占比", 5.8), ("高新技术企业占比", 30)]


@pytest.mark.parametrize("text,subject", [
    ("全市科技型中小企业超过1.3万家，位列全国副省级城市第四。", "科技型中小企业排名（全国副省级城市）"),
    ("注册量、解析量增速居全国第一。", "注册量、解析量增速"),
])
def test_rank_subjects(text, subject):
    rank = [r for r in obs(text) if r["unit"] == "位"][0]
    assert rank["subject"] == subject


@pytest.mark.parametrize("text,label", [
    ("2024年，全市全年技术合同成交额达到4000.6亿元。", "2024"),
    ("去年全年，全市技术合同成交额达到4000.6亿元。", "2023"),
    ("2023年1-7月，全市技术合同成交额达到4000.6亿元。", "2023-01/2023-07"),
    ("今年前7个月，全市技术合同成交额达到4000.6亿元。", "2024-01/2024-07"),
])
def test_parts_of_a_year_take_the_year_named_before(text, label):
    rows = obs(text)
    assert len(rows) == 1 and rows[0]["period_label"] == label


def test_comparison_base_is_not_a_period():
    rows = obs("2023年，全市研发投入强度达到2.5%，较上年提升0.3个百分点。")
    assert [(r["subject"], r["period_label"]) for r in rows] == [("研发投入强度", "2023"), ("研发投入强度", "2023")]


def test_totals_distribute_over_the_counts_before_them():
    rows = obs("全年新增国家级孵化器5家、众创空间12家，总数分别达到48家和125家。")
    assert [(r["subject"], r["value"]) for r in rows][2:] == [("国家级孵化器总数", 48), ("众创空间总数", 125)]


def test_from_to_with_increase_verb():
    rows = obs("全市科技型企业由2020年的3500家增加至2024年的1.2万家。")
    assert [(r["subject"], r["value"], r["period_label"]) for r in rows] == [
        ("科技型企业", 3500, "2020"), ("科技型企业", 12000, "2024")]


def test_proper_noun_national_key_lab_keeps_its_name():
    rows = obs("青岛市获批建设全国重点实验室4家。")
    assert rows[0]["subject"] == "全国重点实验室" and rows[0]["indicator_id"] == "national_key_labs"


def test_dateline_city_is_not_the_region_and_national_figures_are_national():
    rows = obs("据新华社北京3月5日电 国家统计局数据显示，2024年全国研发经费投入3.6万亿元。")
    assert rows[0]["region_code"] == "100000" and rows[0]["subject"] == "研发经费投入"


@pytest.mark.parametrize("text", [
    "对新认定的高新技术企业，给予最高30万元奖励。",
    "对首次入选的独角兽企业一次性奖励500万元。",
])
def test_policy_parameters_are_not_facts(text):
    assert obs(text) == []


def test_per_ratio_subject_is_the_group_counted():
    rows = obs("全市每10万人中拥有大专以上学历人口2.1万人。")
    assert rows[0]["value"] == pytest.approx(21) and rows[0]["subject"] == "大专以上学历人口"


def test_rank_of_a_count():
    rows = obs("全市专精特新企业累计达到860家，数量居全省第2。")
    assert rows[-1]["unit"] == "位" and rows[-1]["subject"] == "累计专精特新企业数量排名"


def test_same_time_carries_the_period_across_paragraphs():
    rows = obs("今年上半年，全市新增高企1860家。\n与此同时，全市技术合同成交额达到892.4亿元。\n全市孵化器达到80家。")
    assert [r["period_label"] for r in rows] == ["2024H1", "2024H1", "as of 2024-08-20"]
