"""The English words that tell a card's English aliases from its Finglish ones come from the stored catalog, read
again when it changes: a listing imported after the seed adds its English words (issue 14)."""

from __future__ import annotations

from sqlmodel import Session

from datetime import date

from bot.services import browse, catalog
from bot.services.search import english_vocabulary
from bot.telegram.features.browse import render

HEADER = "code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description"
SANDAL = "TEX-091,Leather sandal,صندل چرمی,,6403.99,textiles,5000000,open,Sandals with a leather upper."
BUCKLE = "TEX-090,Shoe buckle,سگک کفش صندل,sandal;kafsh;صندل,8308.10,textiles,1000000,open,"


def test_an_imported_listings_english_words_count(seeded: Session) -> None:
    before = english_vocabulary(session=seeded)
    assert "valve" in before and "sandal" not in before and "leather" not in before
    assert catalog.import_products(f"{HEADER}\n{SANDAL}\n", session=seeded).counts.new == 1
    seeded.commit()
    after = english_vocabulary(session=seeded)
    assert {"sandal", "leather", "upper"} <= after and before < after


def test_a_card_reads_an_alias_as_english_once_the_catalog_has_the_word(seeded: Session) -> None:
    """"sandal" has the consonants of «صندل», a word of the buckle's Persian name: Finglish, unless a listing of the
    catalog names it in English; "kafsh" («کفش») stays Finglish either way."""
    catalog.import_products(f"{HEADER}\n{BUCKLE}\n", session=seeded)
    seeded.commit()

    def english_aliases() -> str:
        card = browse.product_card("TEX-090", session=seeded)
        assert card is not None
        return render.product_card("en", card, today=date(2026, 12, 1)).text

    assert "kafsh" not in english_aliases() and "sandal" not in english_aliases()
    catalog.import_products(f"{HEADER}\n{SANDAL}\n", session=seeded)
    seeded.commit()
    shown = english_aliases()
    assert "sandal" in shown.split("Leather", 1)[0] and "kafsh" not in shown
