#!/usr/bin/env python3
"""Writes a mixed mbox for bench/mail-bench: N messages (default 10,000) of the kinds a job
seeker's mailbox holds, built from parts so no two are alike.

About a third are rejections (applicant-tracking systems and people, in the six languages
bounceback reads), the rest acknowledgements, interview invitations, assessments, updates, job
alerts and newsletters with HTML bodies, personal mail, forwards (Gmail, Outlook, Apple Mail and
attached whole), quoted-printable, base64 and 8-bit bodies in UTF-8, ISO-8859-1 and
Windows-1252, and now and then a PDF attachment. The same seed gives the same file.

Usage: bench/make_mbox.py OUTPUT.mbox [--messages 10000] [--seed 7]
"""

import argparse
import base64
import datetime
import quopri
import random

COMPANIES = ["Acme Robotics", "Globex", "Initech", "Umbrella Health", "Hooli", "Stark Labs",
             "Wayne Logistics", "Soylent Foods", "Tyrell Systems", "Cyberdyne", "Wonka Industries",
             "Zahnrad-Werke", "Château Logiciels", "Hormigas Rojas", "Grachtwerk", "Ipê Pagamentos",
             "Meridian Health", "Northwind Traders", "Kestrel Data", "Fernhill Software"]
ROLES = ["Data Engineer", "Backend Developer", "Product Designer", "Site Reliability Engineer",
         "Marketing Manager", "Research Analyst", "Softwareentwickler", "Développeur Backend",
         "Desarrolladora Backend", "Data Analist", "Analista de Dados", "UX Writer"]
ATS = ["no-reply@us.greenhouse-mail.io", "no-reply@hire.lever.co", "notifications@ashbyhq.com",
       "{slug}@myworkday.com", "noreply@smartrecruiters.com", "noreply@personio.de",
       "notification@jobvite.com", "careers@{slug}.example"]
PEOPLE = ["Priya Raman", "Marcus Oyelaran", "Sabine Krüger", "Lucie Marchand", "Ana Beltrán",
          "Eline de Boer", "Mariana Costa", "Theo Lindgren", "Amara Nwosu"]

REJECTIONS = {
    "en": ["Thank you for the {stage} for the {role} role at {company}.\n\nAfter careful "
           "consideration, we have decided to move forward with other candidates whose "
           "experience more closely matches our needs.\n",
           "Thanks for speaking with us about {role}. Unfortunately we've decided not to move "
           "forward with your candidacy at this time.\n",
           "We regret to inform you that the {role} position at {company} has been filled.\n",
           "It was a hard call, but we've decided to go with someone who has more experience "
           "with our stack. Thank you for the {stage}.\n"],
    "de": ["vielen Dank für Ihre Bewerbung als {role} und das angenehme Vorstellungsgespräch.\n\n"
           "Leider müssen wir Ihnen mitteilen, dass wir uns für einen anderen Bewerber "
           "entschieden haben.\n"],
    "fr": ["Merci pour le temps consacré à l'entretien technique pour le poste de {role}.\n\n"
           "Malheureusement, nous ne pouvons pas donner une suite favorable à votre candidature.\n"],
    "es": ["Gracias por tu tiempo en la entrevista técnica para el puesto de {role}.\n\n"
           "Lamentamos comunicarte que hemos decidido continuar con otros candidatos.\n"],
    "nl": ["Bedankt voor het gesprek over de functie van {role}.\n\nHelaas hebben we gekozen "
           "voor een andere kandidaat.\n"],
    "pt": ["Agradecemos sua participação na entrevista para a vaga de {role}.\n\nInfelizmente, "
           "optamos por seguir com outros candidatos.\n"],
}
OTHERS = {
    "acknowledgement": "We have received your application for the {role} role at {company} and "
                       "will review it over the coming weeks.\n",
    "interview": "Great news! We would love to invite you to an interview for the {role} role. "
                 "Please pick a time that suits you.\n",
    "assessment": "Please complete the online assessment for the {role} role within 5 days.\n",
    "update": "We are still reviewing applications for {role} and have not yet made a decision. "
              "Thank you for your patience.\n",
    "newsletter": "Your job alert: 12 new jobs match your preferences. {role} at {company}, "
                  "and more. Unsubscribe at any time.\n",
    "other": "Hi! Are we still on for dinner on Friday? Bring the board game.\n",
}
STAGES = ["phone screen", "technical interview", "onsite", "final round", "video interview"]
FILLER = ("We received a very large number of applications for this opening, and every one of "
          "them was read by a person on the team. ")


def slug(name):
    return "".join(c for c in name.lower() if c.isalnum())[:16] or "company"


def encode_body(text, rng):
    """The body, a Content-Type charset and a transfer encoding, chosen at random."""
    choice = rng.random()
    if choice < 0.15:
        charset = "iso-8859-1" if rng.random() < 0.5 else "windows-1252"
        data = text.encode(charset, "replace")
        return charset, "quoted-printable", quopri.encodestring(data).decode("ascii")
    if choice < 0.30:
        data = base64.b64encode(text.encode("utf-8")).decode("ascii")
        return "utf-8", "base64", "\n".join(data[i:i + 76] for i in range(0, len(data), 76)) + "\n"
    if choice < 0.45:
        return "utf-8", "quoted-printable", quopri.encodestring(text.encode()).decode("ascii")
    return "utf-8", "8bit", text


def html_of(text):
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return ("<html><head><style>p{font-family:Arial;color:#333}</style></head><body>"
            f"<table width=\"600\"><tr><td>{paragraphs}</td></tr></table></body></html>\n")


def message(i, rng, start):
    company = rng.choice(COMPANIES)
    role = rng.choice(ROLES)
    kind = rng.choices(["rejection", *OTHERS], weights=[34, 14, 10, 6, 6, 22, 8])[0]
    if kind == "rejection":
        language = rng.choices(list(REJECTIONS), weights=[60, 8, 8, 8, 8, 8])[0]
        body = rng.choice(REJECTIONS[language])
    else:
        body = OTHERS[kind]
    body = "Hi Jordan,\n\n" + body.format(company=company, role=role, stage=rng.choice(STAGES))
    body += "\n" + FILLER * rng.randint(0, 6) + "\n\nBest regards,\n" + company + "\n"
    when = start + datetime.timedelta(minutes=37 * i + rng.randint(0, 30))
    date = when.strftime("%a, %d %b %Y %H:%M:%S ") + rng.choice(["+0000", "+0100", "-0500", "CET",
                                                                   "-0800 (PST)", ""])
    sender = rng.choice(ATS).format(slug=slug(company))
    name = rng.choice([company, company + " Recruiting", rng.choice(PEOPLE)])
    subject = rng.choice([f"Your application to {company}", f"{company} | {role}",
                          f"Update on your application for {role} at {company}",
                          "Your application", f"Re: {role}"])
    charset, transfer, encoded = encode_body(body, rng)
    headers = (f"From: \"{name}\" <{sender}>\nTo: jordan@example.org\nSubject: {subject}\n"
               f"Date: {date}\nMessage-ID: <bench-{i}@{slug(company)}.example>\n"
               "MIME-Version: 1.0\n")
    style = rng.random()
    if style < 0.25:
        # multipart/alternative with an HTML twin, as applicant-tracking systems send.
        html = base64.b64encode(html_of(body).encode()).decode()
        html = "\n".join(html[j:j + 76] for j in range(0, len(html), 76))
        return (headers + f"Content-Type: multipart/alternative; boundary=\"alt{i}\"\n\n"
                f"--alt{i}\nContent-Type: text/plain; charset={charset}\n"
                f"Content-Transfer-Encoding: {transfer}\n\n{encoded}\n--alt{i}\n"
                "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
                f"{html}\n--alt{i}--\n")
    if style < 0.35:
        # HTML only.
        return (headers + "Content-Type: text/html; charset=utf-8\n"
                "Content-Transfer-Encoding: 8bit\n\n" + html_of(body))
    if style < 0.45:
        # Forwarded by the person, inline (Gmail, Outlook or Apple Mail).
        marker = rng.choice(["---------- Forwarded message ---------\nFrom: {n} <{s}>\n"
                             "Date: {d}\nSubject: {sub}\nTo: <jordan@example.org>\n\n",
                             "-----Original Message-----\nFrom: {n} [mailto:{s}]\n"
                             "Sent: {d}\nTo: Jordan\nSubject: {sub}\n\n",
                             "Begin forwarded message:\n\n> From: {n} <{s}>\n> Subject: {sub}\n"
                             "> Date: {d}\n>\n"])
        forwarded = marker.format(n=name, s=sender, d=date, sub=subject) + body
        return (f"From: Jordan Lee <jordan@example.org>\nTo: jordan@example.org\n"
                f"Subject: Fwd: {subject}\nDate: {date}\nMessage-ID: <bench-fwd-{i}@example.org>\n"
                "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                "Content-Transfer-Encoding: 8bit\n\nFor the log.\n\n" + forwarded)
    if style < 0.50:
        # Attached whole.
        inner = headers + "Content-Type: text/plain; charset=utf-8\n\n" + body
        return ("From: Jordan Lee <jordan@example.org>\nTo: jordan@example.org\n"
                f"Subject: Fwd: {subject}\nMessage-ID: <bench-att-{i}@example.org>\n"
                f"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"mix{i}\"\n\n"
                f"--mix{i}\nContent-Type: text/plain\n\n\n--mix{i}\n"
                "Content-Type: message/rfc822\n\n" + inner + f"\n--mix{i}--\n")
    if style < 0.55:
        # With a PDF attached (an offer letter, a brochure).
        pdf = base64.b64encode(rng.randbytes(rng.randint(20_000, 120_000))).decode()
        pdf = "\n".join(pdf[j:j + 76] for j in range(0, len(pdf), 76))
        return (headers + f"Content-Type: multipart/mixed; boundary=\"pdf{i}\"\n\n"
                f"--pdf{i}\nContent-Type: text/plain; charset={charset}\n"
                f"Content-Transfer-Encoding: {transfer}\n\n{encoded}\n--pdf{i}\n"
                "Content-Type: application/pdf; name=\"letter.pdf\"\n"
                "Content-Disposition: attachment; filename=\"letter.pdf\"\n"
                f"Content-Transfer-Encoding: base64\n\n{pdf}\n--pdf{i}--\n")
    return (headers + f"Content-Type: text/plain; charset={charset}\n"
            f"Content-Transfer-Encoding: {transfer}\n\n{encoded}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = datetime.datetime(2026, 1, 5, 8, 0)
    with open(args.output, "wb") as out:
        for i in range(args.messages):
            text = message(i, rng, start)
            # mboxrd: lines of a message that begin "From " (after any ">") get one more ">".
            lines = [">" + line if line.lstrip(">").startswith("From ") else line
                     for line in text.split("\n")]
            envelope = (start + datetime.timedelta(minutes=37 * i)).strftime("%a %b %d %H:%M:%S %Y")
            out.write(f"From MAILER-DAEMON {envelope}\n".encode())
            out.write("\n".join(lines).encode("utf-8", "surrogateescape"))
            out.write(b"\n" if text.endswith("\n") else b"\n\n")


if __name__ == "__main__":
    main()
