"""One flooding user cannot starve the others."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.telegram.updates import PerUserUpdateProcessor


def update(update_id: int, user_id: int) -> Update:
    return Update.de_json({"update_id": update_id, "message": {"message_id": update_id, "date": 0, "text": "x",
                                                               "chat": {"id": user_id, "type": "private"},
                                                               "from": {"id": user_id, "is_bot": False, "first_name": "u"}}}, None)


async def test_same_user_in_order_others_concurrently_and_floods_shed() -> None:
    processor = PerUserUpdateProcessor(max_concurrent_updates=16, backlog=4)
    done: list[tuple[int, int]] = []
    release = asyncio.Event()

    async def work(user_id: int, n: int) -> None:
        if user_id == 1:
            await release.wait()
        done.append((user_id, n))

    flood = [asyncio.create_task(processor.process_update(update(n, 1), work(1, n))) for n in range(10)]
    await asyncio.sleep(0.01)
    await processor.process_update(update(100, 2), work(2, 0))
    assert done == [(2, 0)]  # answered while the flooder's updates wait
    release.set()
    await asyncio.gather(*flood)
    assert [n for user, n in done if user == 1] == [0, 1, 2, 3]  # in order, the rest shed


async def test_updates_without_a_user_pass_straight_through() -> None:
    processor = PerUserUpdateProcessor(max_concurrent_updates=2)
    ran: list[str] = []

    async def work() -> None:
        ran.append("x")

    await processor.process_update(object(), work())
    assert ran == ["x"]


async def test_a_flood_holds_one_global_slot_however_few_there_are() -> None:
    processor = PerUserUpdateProcessor(max_concurrent_updates=2, backlog=8)
    release = asyncio.Event()
    done: list[int] = []

    async def slow() -> None:
        await release.wait()

    async def quick(user_id: int) -> None:
        done.append(user_id)

    flood = [asyncio.create_task(processor.process_update(update(n, 1), slow())) for n in range(8)]
    await asyncio.sleep(0.01)
    await asyncio.wait_for(processor.process_update(update(100, 2), quick(2)), timeout=1)
    await asyncio.wait_for(processor.process_update(update(101, 3), quick(3)), timeout=1)
    assert done == [2, 3]
    release.set()
    await asyncio.gather(*flood)


async def test_a_flooding_user_is_told_once_that_updates_were_dropped() -> None:
    processor = PerUserUpdateProcessor(max_concurrent_updates=4, backlog=2)
    told: list[int] = []

    async def notify(dropped: Update) -> None:
        told.append(dropped.update_id)

    processor.notify_dropped = notify
    release = asyncio.Event()

    async def slow() -> None:
        await release.wait()

    for flood in range(2):
        tasks = [asyncio.create_task(processor.process_update(update(flood * 100 + n, 1), slow())) for n in range(6)]
        await asyncio.sleep(0.01)
        release.set()
        await asyncio.gather(*tasks)
        release.clear()
        await processor.shutdown()  # the notices went out
    assert told == [2, 102]  # the first dropped update of each flood, and no more
