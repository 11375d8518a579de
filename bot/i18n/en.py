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
        "/cancel — stop what you were doing\n\n"
        "<b>Hear about new listings</b>\n"
        "/subscribe — choose sectors and how often: instantly, daily or weekly\n"
        "/alert TEXT — watch for listings like TEXT; <code>/alert valve -ball</code> leaves out ball valves\n"
        "/mysubs — your sectors and alerts: mute, resume or delete each\n"
        "/pause, /resume — stop digests for a while, then go on\n"
        "/unsubscribe — stop everything"
    ),
    "btn_sectors": "📚 Sectors",
    "btn_desks": "🏛 Desks",
    "btn_language": "🌐 فارسی",
    "btn_help": "❓ Help",
    # --- search
    "empty_query": "Type what you are looking for: a product, a need in your own words, an HS code or a sector.",
    "results_header": "🔎 Results for “{query}” — {first}–{last} of {total}",
    "result_line": "{rank}. <b>{code}</b> · {name}{status}\n     {sector} · imports {imports} · match {score}%",
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
    "result_status": " — {status}",
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
    # --- subscriptions
    "subscribe_pick": "🔔 <b>Subscribe</b>\n\nTick the sectors whose new listings you want to hear about, then tap <b>Done</b>.",
    "btn_sector_on": "✅ {name}",
    "btn_sector_off": "▫️ {name}",
    "btn_done": "Done ➡️",
    "subscribe_need_sector": "Tick at least one sector first (or watch for a product with /alert).",
    "subscribe_frequency": "🔔 <b>{sectors}</b>\n\nHow often should I send you what is new?",
    "btn_freq_instant": "⚡ As soon as it appears",
    "btn_freq_daily": "📅 Once a day",
    "btn_freq_weekly": "🗓 Once a week",
    "subscribe_weekday": "On which day of the week?",
    "zone_tehran": "Tehran",
    "subscribe_hour": "At what time? ({zone} time)",
    "btn_hour": "{hour}:00",
    "weekday_0": "Monday",
    "weekday_1": "Tuesday",
    "weekday_2": "Wednesday",
    "weekday_3": "Thursday",
    "weekday_4": "Friday",
    "weekday_5": "Saturday",
    "weekday_6": "Sunday",
    "schedule_instant": "You will hear about new listings as soon as they appear.",
    "schedule_daily": "A digest every day at {hour}:00 ({zone} time), when there is something new.",
    "schedule_weekly": "A digest every {weekday} at {hour}:00 ({zone} time), when there is something new.",
    "subscribed": "✅ <b>Subscribed.</b>\n\nSectors: {sectors}\n{schedule}\n\n/mysubs to change it, /pause to pause, /unsubscribe to stop.",
    "no_sectors": "none (alerts only)",
    "alert_usage": (
        "Send /alert followed by what you want to hear about, for example <code>/alert brake pads</code>.\n"
        "Words after a “-” leave listings out: <code>/alert valve -ball</code>."
    ),
    "alert_too_long": "That alert is too long; keep it under {limit} characters.",
    "alert_too_many": "You already have {limit} alerts, the most allowed. Delete one in /mysubs first.",
    "alert_too_many_exclusions": "An alert can leave out at most {limit} words.",
    "alert_saved": "🔔 <b>Alert saved:</b> {query}{excluding}\n\n{schedule}\n\n/mysubs to see or change your alerts.",
    "alert_exists": "🔔 You already have this alert: {query}{excluding}\n\n/mysubs to see or change your alerts.",
    "alert_excluding": " (leaving out: {words})",
    "btn_alert_similar": "🔔 Alert me about similar",
    "mysubs_header": "⚙️ <b>Your subscriptions</b>\n\n{status}\n{schedule}",
    "mysubs_active": "🟢 Active",
    "mysubs_paused": "⏸ Paused — /resume to go on; you will then get what appeared meanwhile.",
    "mysubs_unsubscribed": "⚪️ Not subscribed.",
    "mysubs_blocked": "⚪️ Stopped because the bot was blocked. /resume to start again.",
    "mysubs_sectors": "<b>Sectors</b>",
    "mysubs_alerts": "<b>Alerts</b>",
    "mysubs_sector_line": "• {name}{muted}",
    "mysubs_alert_line": "• {query}{excluding}{muted}",
    "mysubs_muted": " — 🔕 muted",
    "mysubs_empty": "You have no subscriptions. /subscribe to choose sectors, or /alert to watch for a product.",
    "btn_mute": "🔕 Mute {name}",
    "btn_unmute": "🔔 Resume {name}",
    "btn_delete": "🗑 Delete",
    "btn_pause": "⏸ Pause all",
    "btn_resume": "▶️ Resume",
    "btn_edit_subscription": "✏️ Sectors and frequency",
    "btn_unsubscribe": "🛑 Unsubscribe from everything",
    "btn_mysubs": "⚙️ My subscriptions",
    "toast_muted": "Muted.",
    "toast_unmuted": "Resumed.",
    "toast_deleted": "Deleted.",
    "paused": "⏸ Digests paused. /resume to go on; the next digest will then bring what appeared meanwhile.",
    "resumed": "▶️ Digests resumed. {schedule}",
    "nothing_to_resume": "You have no sectors or alerts to resume. /subscribe to choose sectors.",
    "unsubscribed": "🛑 Unsubscribed. Your sectors and alerts are removed and no more digests will come.\n\n/subscribe to start again.",
    "not_subscribed": "You are not subscribed. /subscribe to choose sectors, or /alert to watch for a product.",
    # --- digests
    "digest_header": "📬 <b>What is new for you</b> — {count} since {since}",
    "digest_continued": "📬 <i>continued</i>",
    "digest_part": " ({part}/{parts})",
    "digest_closing_soon": "⏰ <b>Closing soon</b> (deadline within 7 days)",
    "digest_sector": "📚 <b>{name}</b>",
    "digest_item": "{mark} <a href=\"{link}\">{code}</a> · {name}\n      {details}",
    "digest_mark_new": "🆕",
    "digest_mark_updated": "🔄",
    "digest_deadline": "deadline {date}",
    "digest_alert": "🔔 {query}",
    "digest_desks": "🏛 <b>New desks</b>",
    "digest_desk": "• {name} — {sector}",
    "digest_footer": "/mysubs to change · /pause · /unsubscribe",
    "digest_now_done": (
        "📬 <b>Digest round done</b>\n"
        "{planned} planned · {sent} sent ({messages} messages) · {blocked} blocked · {failed} refused · "
        "{pending} left for the next round"
    ),
    "too_fast": "You are sending messages faster than I can answer; I skipped some of them.",
    # --- admins: access, help, menu
    "not_available": "This command is not available.",
    "help_admin": (
        "\n\n<b>Admin commands</b>\n"
        "/addproduct — add a listing: <code>field: value</code> lines, or step by step\n"
        "/editproduct CODE — show a listing's fields, or change them with <code>field: value</code> lines\n"
        "/closeproduct CODE, /reopenproduct CODE — close or reopen a listing\n"
        "/adddesk, /editdesk CODE — add or change a desk the same way\n"
        "/import — import products from a CSV or Excel file, with a preview first\n"
        "/export products|leads|subscribers — download a CSV file\n"
        "/leads — follow up investors' leads\n"
        "/stats — users, searches, leads and the most found listings\n"
        "/demand [DAYS] — what people searched for and found nothing\n"
        "/digest_now — send every subscriber what is new now, whatever their schedule\n"
        "/admins — who the admins are; /admins add or remove ID or @username"
    ),
    "cmd_addproduct": "Add a listing",
    "cmd_editproduct": "Show or change a listing",
    "cmd_closeproduct": "Close a listing",
    "cmd_reopenproduct": "Reopen a listing",
    "cmd_adddesk": "Add a desk",
    "cmd_editdesk": "Show or change a desk",
    "cmd_import": "Import products from CSV or Excel",
    "cmd_export": "Download products, leads or users",
    "cmd_leads": "Follow up leads",
    "cmd_stats": "Statistics",
    "cmd_demand": "Unmet demand",
    "cmd_digest_now": "Send due digests now",
    "cmd_admins": "Admins",
    # --- admins: listings and desks
    "problem": "{message}",
    "problem_column": "<b>{column}</b>: {message}",
    "problem_row": "Row {row}: {message}",
    "problem_row_column": "Row {row}, <b>{column}</b>: {message}",
    "record_problems": "❌ Nothing was saved:\n{problems}",
    "product_added": "✅ Listing added.",
    "product_updated": "✅ {code} updated: {fields}.",
    "product_status_set": "✅ {code} is now {status}.",
    "product_unchanged": "Nothing changed: {code} already has these values.",
    "editproduct_usage": (
        "Send /editproduct and a listing code, then the fields to change, one per line:\n"
        "<pre>/editproduct AUT-002\nstatus: awarded\nannual_import_usd: 30000000</pre>"
    ),
    "editproduct_current": (
        "<b>{code}</b> now reads as below. To change it, send <code>/editproduct {code}</code> followed by the "
        "lines to change (an empty value clears an optional field):\n<pre>{fields}</pre>"
    ),
    "closeproduct_usage": "Send /closeproduct and a listing code, for example /closeproduct AUT-002.",
    "reopenproduct_usage": "Send /reopenproduct and a listing code, for example /reopenproduct AUT-002.",
    "desk_added": "✅ Desk added.",
    "desk_updated": "✅ {code} updated: {fields}.",
    "desk_unchanged": "Nothing changed: {code} already has these values.",
    "desk_not_found": "There is no desk with the code {code}.",
    "editdesk_usage": (
        "Send /editdesk and a desk code, then the fields to change, one per line:\n"
        "<pre>/editdesk DESK-AUT\ncontact: auto.desk@example.org</pre>"
    ),
    "editdesk_current": (
        "<b>{code}</b> now reads as below. To change it, send <code>/editdesk {code}</code> followed by the "
        "lines to change:\n<pre>{fields}</pre>"
    ),
    # --- admins: the step-by-step form
    "draft_intro_product": (
        "New listing, step by step; /cancel stops at any time.\n"
        "You can also send it all in one message, for example:\n"
        "<pre>/addproduct\ncode: TEX-050\nname_en: Spandex yarn\nname_fa: نخ اسپندکس\nhs_code: 5402.44\nsector: textiles</pre>"
    ),
    "draft_intro_desk": (
        "New desk, step by step; /cancel stops at any time.\n"
        "You can also send it all in one message, for example:\n"
        "<pre>/adddesk\ncode: DESK-TEX2\nsector: textiles\nname_en: Technical textiles desk\nname_fa: میز منسوجات فنی</pre>"
    ),
    "draft_step": "<b>{step}/{steps}</b> · {question}",
    "draft_optional": "\n<i>/skip leaves it empty.</i>",
    "ask_product_code": "The listing code: letters, digits, <code>-</code> and <code>_</code>, for example <code>TEX-050</code>.",
    "ask_product_name_en": "The English name.",
    "ask_product_name_fa": "The Persian name.",
    "ask_product_hs_code": "The HS code, 4 to 10 digits, for example <code>8413.70</code>.",
    "ask_product_sector": "The sector, one of:\n{sectors}",
    "ask_product_annual_import_usd": "Estimated imports a year, in US dollars, for example <code>12400000</code>.",
    "ask_product_aliases": "Other names people use, in either language, separated by <code>;</code>.",
    "ask_product_description": "A short description.",
    "ask_product_description_fa": "A short description in Persian (Persian cards show it; without it they show the English one).",
    "ask_desk_code": "The desk code, for example <code>DESK-TEX2</code>.",
    "ask_desk_sector": "The desk's sector, one of:\n{sectors}",
    "ask_desk_name_en": "The English name.",
    "ask_desk_name_fa": "The Persian name.",
    "ask_desk_program_year": "The program year, for example <code>1402</code>.",
    "ask_desk_budget_eur": "The budget in euros, a whole number.",
    "ask_desk_contact": "How to contact the desk (e-mail or phone).",
    "ask_desk_description": "A short description.",
    "draft_required": "This field is required; it cannot be skipped.",
    "draft_invalid": "{problem}\nPlease send it again.",
    "draft_cancelled": "Stopped; nothing was added.",
    "draft_timeout": "I stopped waiting for the rest of the form, so nothing was added. Send /addproduct or /adddesk to start again.",
    # --- admins: import and export
    "import_prompt": (
        "Send the products file now, as a document: CSV (UTF-8 or Windows-1256) or Excel .xlsx, up to {limit}. "
        "Its first row names the columns:\n<code>code,name_en,name_fa,aliases,hs_code,sector,annual_import_usd,status,description</code>\n"
        "and optionally <code>description_fa,desk,deadline,companies,source</code>. I show a preview before anything changes."
    ),
    "import_too_big": "❌ {file} is {size}; files up to {limit} can be imported. Split it into smaller files.",
    "import_download_failed": "I could not fetch the file from Telegram. Please send it again.",
    "import_unreadable": "❌ <b>{file}</b> cannot be imported: {problem}. Nothing was imported.",
    "import_rejected": "❌ <b>{file}</b> has {count} problem(s), so nothing was imported. Fix them and send the file again.\n\n{problems}",
    "import_more_problems": "…and {count} more.",
    "import_nothing": "📄 <b>{file}</b>: all {rows} rows match the catalog already; there is nothing to import.",
    "import_preview": (
        "📄 <b>{file}</b> — {rows} rows\n"
        "🆕 New: {new}\n✏️ Changed: {changed}\n▫️ Unchanged: {unchanged}\n{details}\n"
        "<b>Apply</b> writes all of it at once; <b>Cancel</b> writes nothing. This preview expires in {minutes} minutes."
    ),
    "import_new_codes": "New: {codes}\n",
    "import_changed_codes": "Changed: {codes}\n",
    "btn_apply": "✅ Apply",
    "btn_cancel": "✖️ Cancel",
    "import_applied": "✅ <b>{file}</b> imported: {new} new, {changed} changed, {unchanged} unchanged.",
    "import_cancelled": "Import of <b>{file}</b> cancelled; nothing was written.",
    "import_gone": "This import was already applied or cancelled.",
    "import_expired": "This preview expired; nothing was written. Send the file again.",
    "import_not_yours": "Only the admin who sent the file can apply it.",
    "import_invalid": "❌ The catalog changed since the preview and <b>{file}</b> no longer imports, so nothing was written.\n\n{problems}",
    "csv_header_missing": "missing columns: {names}",
    "csv_header_unknown": "unknown columns: {names}",
    "csv_header_repeated": "repeated columns: {names}",
    "csv_header_expected": "{required} (optional: {optional})",
    "size_bytes": "{value} bytes",
    "size_kb": "{value} KB",
    "size_mb": "{value} MB",
    "export_usage": "Send /export products, /export leads or /export subscribers.",
    "export_caption_products": "📦 Products: {rows}. This file imports back unchanged with /import.",
    "export_caption_leads": "✋ Leads: {rows}.",
    "export_caption_subscribers": "👥 Bot users: {rows} (subscription columns come with digests).",
    # --- admins: leads
    "leads_usage": "Send /leads for open leads, /leads all, or /leads and a status: new, contacted, meeting, declined, closed.",
    "leads_header": "📋 <b>Leads</b> · {filter} · {first}–{last} of {total}",
    "leads_empty": "📋 No leads · {filter}.",
    "leads_filter_open": "open",
    "leads_filter_all": "all",
    "lead_status_new": "🆕 new",
    "lead_status_contacted": "📞 contacted",
    "lead_status_meeting": "📅 meeting scheduled",
    "lead_status_declined": "✖️ declined",
    "lead_status_closed": "✔️ closed",
    "lead_line": "#{id} · <b>{code}</b> · {name}\n     {user} · {status} · {date}",
    "btn_lead": "#{id} · {code} · {user}",
    "btn_open_lead": "📋 Lead #{id}",
    "btn_lead_contacted": "📞 Contacted",
    "btn_lead_meeting": "📅 Meeting scheduled",
    "btn_lead_declined": "✖️ Declined",
    "btn_lead_closed": "✔️ Closed",
    "btn_current": "● {label}",
    "btn_back_leads": "« Back to leads",
    "lead_card": (
        "📋 <b>Lead #{id}</b>\n\n"
        "<b>Investor:</b> {user}\n<b>Listing:</b> {code} · {name}\n<b>Desk:</b> {desk}\n"
        "<b>Status:</b> {status}\n<b>Registered:</b> {created}\n<b>Note:</b> {note}"
    ),
    "lead_status_told": "Status: {status}. The investor was told.",
    "lead_status_unreachable": "Status: {status}. The investor could not be reached.",
    "lead_status_same": "This lead is already {status}.",
    "program_team": "program team",
    "investor_lead_contacted": "📬 About your interest in <b>{code}</b> · {name}: the {desk} has taken it up and is getting in touch with you.",
    "investor_lead_meeting": "📅 About your interest in <b>{code}</b> · {name}: a meeting with the {desk} is being arranged; they will send you the details.",
    "investor_lead_declined": "About your interest in <b>{code}</b> · {name}: the {desk} cannot take it further for now. Other listings may suit you; just type what you are looking for.",
    "investor_lead_closed": "✔️ Your interest in <b>{code}</b> · {name} is now closed by the {desk}. Thank you for taking part in the program.",
    # --- admins: statistics and unmet demand
    "stats_header": "📊 <b>Statistics</b>",
    "stats_users": "👥 <b>Users:</b> {total} ({new} new in 7 days) · {languages}",
    "stats_language_fa": "Persian {count}",
    "stats_language_en": "English {count}",
    "stats_searches": "🔎 <b>Searches:</b> {week} in 7 days ({week_unmet} unanswered) · {month} in 30 days ({month_unmet} unanswered)",
    "stats_leads": "✋ <b>Leads:</b> {total} · {statuses}",
    "stats_status": "{status} {count}",
    "stats_leads_by_product": "<b>Leads per listing</b>",
    "stats_leads_by_desk": "<b>Leads per desk</b>",
    "stats_top_listings": "<b>Most found listings</b> (30 days)",
    "stats_demand": "<b>Unmet demand</b> (30 days) · /demand for more",
    "stats_item": "{rank}. {code} · {name} — {count}",
    "stats_empty": "—",
    "demand_usage": "Send /demand, or /demand and a number of days from 1 to 365.",
    "demand_header": "🕳 <b>Unmet demand</b> · last {days} days\nSearches no listing answered, variants of one need counted together:",
    "demand_line": "{rank}. <b>{need}</b> — searches: {searches}, people: {people}, with related suggestions: {related}\n     {examples}",
    "demand_empty": "🕳 No unanswered searches in the last {days} days.",
    # --- admins: who they are
    "admins_header": "🔑 <b>Admins</b>",
    "admins_configured": "• {user} — ADMIN_IDS",
    "admins_granted": "• {user} — granted by {by}, {date}",
    "admins_usage": "Add one with <code>/admins add 123456789</code> or <code>/admins add @username</code> (once they have written to the bot); remove one with <code>/admins remove …</code>.",
    "admin_granted": "✅ {user} is now an admin.",
    "admin_already": "{user} is already an admin.",
    "admin_revoked": "✅ {user} is no longer an admin.",
    "admin_not_admin": "{user} is not an admin.",
    "admin_configured": "{user} is an admin through the ADMIN_IDS setting, which only the server's configuration can change.",
    "admin_ambiguous_user": "More than one person has been {reference}: give their numeric Telegram id instead.",
    "updates_dropped": "⏳ You sent a lot at once, so I skipped your latest messages. Please wait for my answers, then send again.",
    "admin_unknown_user": "I cannot tell who {reference} is: give their numeric Telegram id, or their @username once they have written to the bot.",
    "you_are_admin": "🔑 You are now an admin of this bot. /help lists the admin commands.",
    "you_are_not_admin": "Your admin rights for this bot were removed.",
    # --- problems in files and typed records (bot.telegram.problems.TEXTS; a problem's VALUES are the placeholders)
    "csv_not_text": "the file is neither UTF-8 nor Windows-1256 text",
    "csv_empty_file": "the file is empty",
    "csv_bad_header_line": "the header line is not valid CSV ({detail})",
    "csv_bad_line": "line {line} is not valid CSV ({detail})",
    "csv_wrong_header": "the header row is wrong: {problems}. Expected: {expected}",
    "csv_not_xlsx": "the file is not a readable Excel workbook (.xlsx)",
    "csv_too_many_rows": "the file has more than {limit} rows; split it into smaller files",
    "csv_too_many_columns": "row {row} has more than {limit} columns",
    "csv_too_many_cells": "the file has more than {limit} cells; split it into smaller files",
    "csv_cell_too_long": "row {row}, column {column} holds more than {limit} characters",
    "csv_too_slow": "reading the file took more than {seconds} seconds; split it into smaller files",
    "csv_unpacked_too_big": "the workbook unpacks to more than {limit} MB; split it into smaller files",
    "csv_old_xls": "{name} is an old Excel 97-2003 (.xls) file; save it as .xlsx or CSV",
    "csv_file_type": "{name} is neither a CSV nor an Excel (.xlsx) file",
    "csv_row_width": "has {count} values, but the header has {columns} columns",
    "csv_no_rows": "the file has a header but no products",
    "csv_code_empty": "the code is empty",
    "csv_code_invalid": "the code “{value}” may use only letters, digits, - and _ (at most 32)",
    "csv_code_duplicate": "the code {code} is repeated (first on row {first})",
    "csv_field_empty": "{column} is empty",
    "csv_hs_invalid": "“{value}” is not an HS code: 4 to 10 digits expected (e.g. 8413.70)",
    "csv_sector_unknown": "unknown sector “{value}” (known: {known})",
    "csv_amount_invalid": "“{value}” is not a whole number of US dollars",
    "csv_amount_too_large": "“{value}” is larger than {maximum} US dollars",
    "csv_status_unknown": "unknown status “{value}” (use {known})",
    "csv_desk_unknown": "unknown desk “{value}”",
    "csv_desk_sector": "the desk {desk} belongs to the sector {desk_sector}, not {sector}",
    "csv_deadline_invalid": "“{value}” is not a date like 2027-03-20",
    "csv_number_invalid": "{column}: “{value}” is not a whole number",
    "csv_number_too_large": "{column}: “{value}” is larger than {maximum}",
    "csv_active_invalid": "active must be true or false, not “{value}”",
    "csv_line_not_field": "line {line} is not a “field: value” line",
    "csv_field_unknown": "unknown field “{name}” (fields: {known})",
    "csv_field_repeated": "the field {name} is given twice",
    "csv_no_fields": "no “field: value” lines were given",
    "csv_code_exists": "there is already a listing with the code {code}",
    "csv_desk_exists": "there is already a desk with the code {code}",
    "csv_code_fixed": "the code cannot be changed (it is {code})",
    "csv_desk_in_use": "{count} listing(s) of another sector name this desk (e.g. {example}); change their desk first",
    # --- command menu (setMyCommands)
    "cmd_start": "Start and see examples",
    "cmd_search": "Search listings",
    "cmd_sectors": "Browse by sector",
    "cmd_desks": "Sector promotion desks",
    "cmd_product": "Open a listing by code",
    "cmd_language": "فارسی / English",
    "cmd_help": "How to use the bot",
    "cmd_cancel": "Stop what you were doing",
    "cmd_subscribe": "Hear about new listings in your sectors",
    "cmd_alert": "Watch for listings like a product",
    "cmd_mysubs": "Your subscriptions and alerts",
    "cmd_pause": "Pause digests",
    "cmd_resume": "Resume digests",
    "cmd_unsubscribe": "Stop all digests",
}
