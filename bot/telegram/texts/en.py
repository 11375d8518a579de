"""Every English text the bot shows. Templates are HTML; placeholders are filled with escaped data."""

TEXTS: dict[str, str] = {
    # --- greeting, help, menus
    "start": (
        "Hello {name}! 👋\n\n"
        "I connect investors and manufacturers with the <b>import-substitution program</b>: products the country "
        "imports today and wants made at home, and the sector <b>promotion desks</b> that sign indigenization deals.\n\n"
        "Just type what you want to make or fund, in English or Persian, for example:\n{examples}\n\n"
        "Tap a result to see its card, then <b>I'm interested</b> and the desk will hear from you."
    ),
    "examples": "• <i>brake pads</i>\n• <i>looking for a partner to produce ESP pumps</i>\n• <i>کمپرسور یخچال</i>\n• <i>8413.70</i> (an HS code)",
    "help": (
        "<b>How to use this bot</b>\n\n"
        "Type a product, a need in your own words, an HS code or a sector, in English or Persian. Examples:\n{examples}\n\n"
        "/sectors — browse listings by sector\n"
        "/desks — the sector promotion desks\n"
        "/product CODE — open a listing by its code\n"
        "/search TEXT — search (same as just typing)\n"
        "/language — فارسی / English\n"
        "/cancel — stop what you were doing"
    ),
    "btn_sectors": "📚 Sectors",
    "btn_desks": "🏛 Desks",
    "btn_language": "🌐 فارسی",
    "btn_help": "❓ Help",
    # --- search
    "empty_query": "Type what you are looking for: a product, a need in your own words, an HS code or a sector.",
    "results_header": "🔎 Results for “{query}” — {first}–{last} of {total}",
    "result_line": "{rank}. <b>{code}</b> · {name}\n     {sector} · imports {imports} · match {score}%",
    "imports_value": "≈ {amount} a year",
    "imports_unknown": "not stated",
    "results_desks_header": "🏛 <b>Desks for these sectors</b>",
    "desk_line": "• {name}",
    "sector_desk_hint": "No single listing fits best; these desks handle the sector you named.",
    "no_results": (
        "I found no listing for “{query}”.\n\n"
        "Try:\n• a product name, e.g. <i>brake pads</i> or <i>کمپرسور یخچال</i>\n"
        "• an HS code, e.g. <i>8413.70</i>\n• a sector from the list below\n\n"
        "Your request is recorded so the program can consider listing it."
    ),
    "btn_more": "More »",
    "btn_previous": "« Previous",
    "btn_back_results": "« Back to results",
    "btn_result": "{rank}. {code} · {name}",
    # --- product card
    "card": (
        "<b>{code}</b> · {name}\n"
        "<i>{other_name}</i>\n\n"
        "<b>Status:</b> {status}\n"
        "<b>Sector:</b> {sector}\n"
        "<b>HS code:</b> {hs_code}\n"
        "<b>Imports:</b> {imports}\n"
        "<b>Deadline:</b> {deadline}\n"
        "<b>Desk:</b> {desk}\n"
        "<b>Already working on it:</b> {companies}\n"
        "<b>Also known as:</b> {aliases}\n\n"
        "{description}"
    ),
    "desk_summary": "{name} — {budget}, contact {contact}",
    "none": "—",
    "no_deadline": "none",
    "status_open": "🟢 open",
    "status_in_progress": "🟡 in progress",
    "status_awarded": "🔵 awarded",
    "status_closed": "⚪️ closed",
    "btn_interested": "✋ I'm interested",
    "btn_desk": "🏛 {name}",
    "product_not_found": "There is no listing with the code {code}.",
    "product_usage": "Send /product followed by a listing code, for example /product AUT-002.",
    # --- leads
    "interest_registered": (
        "✅ Your interest in <b>{code}</b> · {name} is registered. {desk_line}\n\n"
        "If you like, send one line for the desk — your company, capacity or a phone number — or tap Skip."
    ),
    "interest_desk_line": "The {desk} will contact you.",
    "interest_no_desk": "The program team will contact you.",
    "interest_already": "You have already registered interest in {code}.",
    "btn_skip": "Skip",
    "note_saved": "📝 Thank you — your note was passed on.",
    "note_skipped": "All right, no note. You can keep searching.",
    "admin_new_lead": (
        "🆕 <b>New lead #{lead_id}</b>\n"
        "{user} is interested in <b>{code}</b> · {name}\n"
        "Sector: {sector} · Desk: {desk}"
    ),
    "admin_lead_note": "📝 Note on lead #{lead_id} ({code}) from {user}:\n{note}",
    # --- desks and sectors
    "desks_header": "🏛 <b>Domestic production promotion desks</b>\n\n{program}",
    "program_summary": (
        "In the year the four desks were set up they signed {total} of agreements (petrochemicals €60M, refining €80M, "
        "home appliances €63M, automotive €42M); eleven desks the year before saved €1.045B. "
        "<i>Source: Mehr News Agency / Tehran Times (CC BY 4.0).</i>"
    ),
    "desk_list_line": "• <b>{name}</b> — {year} · {budget}",
    "budget_value": "{amount}",
    "budget_unknown": "budget not published",
    "year_unknown": "year n/a",
    "desk_card": (
        "🏛 <b>{name}</b>\n<i>{other_name}</i>\n\n"
        "<b>Sector:</b> {sector}\n<b>Program year:</b> {year}\n<b>Budget:</b> {budget}\n<b>Contact:</b> {contact}\n\n"
        "{description}\n\n<b>Listings</b> ({count}) — {first}–{last}:"
    ),
    "desk_card_empty": "🏛 <b>{name}</b>\n<i>{other_name}</i>\n\n<b>Sector:</b> {sector}\n<b>Contact:</b> {contact}\n\n{description}\n\nNo listings yet.",
    "sectors_header": "📚 <b>Sectors</b> — tap one to see its listings.",
    "btn_sector": "{name} ({count})",
    "sector_page": "📚 <b>{name}</b> — listings {first}–{last} of {count}",
    "sector_empty": "📚 <b>{name}</b> — no listings yet.",
    "list_line": "{rank}. <b>{code}</b> · {name} — {status}",
    # --- amounts
    "money_usd_billion": "${value}B",
    "money_usd_million": "${value}M",
    "money_usd_thousand": "${value}K",
    "money_usd_one": "${value}",
    "money_eur_billion": "€{value}B",
    "money_eur_million": "€{value}M",
    "money_eur_thousand": "€{value}K",
    "money_eur_one": "€{value}",
    # --- settings and misc
    "language_prompt": "Choose your language:",
    "language_set": "Language set to English.",
    "cancelled": "Cancelled.",
    "nothing_to_cancel": "There is nothing to cancel.",
    "non_text": "I read text messages only. Type a product, a need in your own words, an HS code or a sector.",
    "expired": "This button has expired. Please search again.",
    "error": "Sorry, something went wrong on our side. Please try again in a moment.",
    # --- command menu (setMyCommands)
    "cmd_start": "Start and see examples",
    "cmd_search": "Search listings",
    "cmd_sectors": "Browse by sector",
    "cmd_desks": "Sector promotion desks",
    "cmd_product": "Open a listing by code",
    "cmd_language": "فارسی / English",
    "cmd_help": "How to use the bot",
    "cmd_cancel": "Stop what you were doing",
}
