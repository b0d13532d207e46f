"""Statement files written for the tests, following each format's published structure:
ISO 20022 camt.053.001.02 (Document/BkToCstmrStmt/GrpHdr + Stmt/Acct/Bal/Ntry with
NtryDtls/TxDtls/Refs, RltdPties and RmtInf), SWIFT MT940 (:20: :25: :28C: :60F: :61: :86:
:62F:) and a bank's CSV export."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

CAMT_NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"


@dataclass
class Tx:
    amount: Decimal | str
    reference: str
    booked_on: datetime.date = datetime.date(2026, 3, 2)
    bank_id: str = ""
    debtor: str = "Example Payer Co."
    credit: bool = True
    status: str = "BOOK"


def camt053(entries: list[Tx], *, statement_id="STMT-2026-03-001", currency="USD") -> bytes:
    ntries = []
    for tx in entries:
        ref = f"<AcctSvcrRef>{escape(tx.bank_id)}</AcctSvcrRef>" if tx.bank_id else ""
        ntries.append(
            f"""    <Ntry>
      <Amt Ccy="{currency}">{tx.amount}</Amt>
      <CdtDbtInd>{"CRDT" if tx.credit else "DBIT"}</CdtDbtInd>
      <Sts>{tx.status}</Sts>
      <BookgDt><Dt>{tx.booked_on.isoformat()}</Dt></BookgDt>
      <ValDt><Dt>{tx.booked_on.isoformat()}</Dt></ValDt>
      {ref}
      <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>XBCT</SubFmlyCd></Fmly></Domn></BkTxCd>
      <NtryDtls>
        <TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <AmtDtls><TxAmt><Amt Ccy="{currency}">{tx.amount}</Amt></TxAmt></AmtDtls>
          <RltdPties><Dbtr><Nm>{escape(tx.debtor)}</Nm></Dbtr></RltdPties>
          <RmtInf><Ustrd>{escape(tx.reference)}</Ustrd></RmtInf>
        </TxDtls>
      </NtryDtls>
    </Ntry>"""
        )
    body = "\n".join(ntries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="{CAMT_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>MSG-{statement_id}</MsgId>
      <CreDtTm>2026-03-05T06:00:00+08:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>{statement_id}</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>2026-03-05T06:00:00+08:00</CreDtTm>
      <FrToDt><FrDtTm>2026-03-01T00:00:00+08:00</FrDtTm><ToDtTm>2026-03-04T23:59:59+08:00</ToDtTm></FrToDt>
      <Acct>
        <Id><IBAN>CN0000000000000000000001</IBAN></Id>
        <Ccy>{currency}</Ccy>
        <Ownr><Nm>Alliance Secretariat</Nm></Ownr>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="{currency}">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>2026-03-01</Dt></Dt>
      </Bal>
{body}
  </Stmt>
  </BkToCstmrStmt>
</Document>
""".encode()


def mt940(entries: list[Tx], *, reference="STMT-2026-03") -> str:
    lines = [f":20:{reference}", ":25:CN00000001/0001", ":28C:00001/001", ":60F:C260301USD0,00"]
    for tx in entries:
        date = tx.booked_on.strftime("%y%m%d")
        amount = str(tx.amount).replace(".", ",")
        bank_ref = f"//{tx.bank_id}" if tx.bank_id else ""
        lines.append(f":61:{date}{date[2:]}{'C' if tx.credit else 'D'}{amount}NTRFNONREF{bank_ref}")
        lines.append(f":86:{tx.reference}")
    lines.append(":62F:C260305USD0,00")
    return "\n".join(lines) + "\n"


def bank_csv(entries: list[Tx]) -> str:
    lines = ["Booking date;Amount;Purpose;Payer"]
    for tx in entries:
        amount = str(tx.amount if tx.credit else -Decimal(str(tx.amount))).replace(".", ",")
        lines.append(f"{tx.booked_on.strftime('%d.%m.%Y')};{amount};{tx.reference};{tx.debtor}")
    return "\n".join(lines) + "\n"
