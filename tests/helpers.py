"""Builds release tables from small texts with the plain stage functions (no Prefect)."""
from pathlib import Path

from innovation_indicators import stages
from innovation_indicators.fetch import fetch_sources
from innovation_indicators.sources import Source


def tables_from_texts(tmp_path: Path, texts: dict[str, str]):
    pages = tmp_path / "pages"
    pages.mkdir(exist_ok=True)
    sources = []
    for name, text in texts.items():
        p = pages / f"{name}.txt"
        p.write_text(text, encoding="utf-8")
        sources.append(Source(name, str(p)))
    fetched = fetch_sources(sources, tmp_path / "raw")
    cleaned = stages.clean_batch(fetched, tmp_path / "raw")
    docs = stages.deduplicate_documents([c.document for c in cleaned if c.document])
    obs = stages.extract_batch([(d, None) for d in docs if not d["duplicate_of_document_id"]]).observations
    return stages.build_tables(docs, obs, [r.log for r in fetched]), fetched


ARTICLE_A = ("示例市科技创新提速\n来源:示例网 2024-07-15\n"
             "今年上半年，成都市高新技术企业达到3200家，同比增长18%，发展势头良好。\n"
             "全市技术合同成交额增长1.2倍，新型研发机构达到45家，创新生态持续优化。\n")
ARTICLE_B = ("示例区创新数据\n来源:示例网 2024-06-01\n"
             "截至今年5月，绵阳市建成省级重点实验室28个，引进高层次人才350人，成效明显。\n")
