"""The member's dues portal: its own invoices, receipts, reminders and the bank details."""

from django.shortcuts import render
from django.utils import timezone

from alliance.roles import Role, role_required
from dues import conf, selectors
from members.selectors import represented_members


@role_required(Role.MEMBER)
def my_dues(request):
    today = timezone.localdate()
    # A representative may act for more than one member; each gets its own block.
    accounts = [
        {"member": member, "dues": selectors.member_dues(member, today=today)}
        for member in represented_members(request.user).order_by("name")
    ]
    return render(
        request,
        "dues/my_dues.html",
        {"accounts": accounts, "bank": conf.bank_lines(), "currency": conf.currency(), "today": today},
    )
