import pytest

from digibridge.common.errors import DomainError, PermissionDeniedError
from digibridge.cooperation.models import Agreement
from digibridge.directory.models import Organisation, Person
from digibridge.marketplace.models import Opportunity
from digibridge.reports import services
from digibridge.reports.models import ImportedRecord
from tests.directory.factories import OrganisationFactory
from tests.reports.factories import ORG_HEADER, org_rows, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def test_import_organisations_then_reimport_updates_without_duplicates(tmp_path, operator):
    rows = org_rows(3)
    rows[0][5] = "smart-logistics"
    rows[0][6] = "航运机器人"
    path = write_xlsx(tmp_path / "orgs.xlsx", ORG_HEADER, rows)
    outcome = services.import_file(path, kind="organisations", by=operator)
    assert outcome.imported and (outcome.created, outcome.updated) == (3, 0)
    first = Organisation.objects.get(name="Imported Enterprise 0")
    assert first.names == {"zh-hans": "航运机器人"}
    assert [s.slug for s in first.sectors.all()] == ["smart-logistics"]
    assert first.status == Organisation.Status.APPROVED

    rows[0][1] = "Imported Enterprise Zero"
    rows.append(["ORG-9", "A new one", "DE", "enterprise", "Munich", "", ""])
    path = write_xlsx(tmp_path / "orgs2.xlsx", ORG_HEADER, rows)
    outcome = services.import_file(path, kind="organisations", by=operator)
    assert (outcome.created, outcome.updated) == (1, 3)
    assert Organisation.objects.count() == 4
    first.refresh_from_db()
    assert first.name == "Imported Enterprise Zero"
    assert ImportedRecord.objects.filter(kind="organisations").count() == 4


def test_bad_row_in_the_middle_imports_nothing(tmp_path, operator):
    rows = org_rows(10)
    rows[5][2] = "Narnia"
    rows[7][1] = ""
    path = write_csv(tmp_path / "orgs.csv", ORG_HEADER, rows)
    outcome = services.import_file(path, kind="organisations", by=operator)
    assert not outcome.imported
    assert [(e.row, e.column) for e in outcome.report.errors] == [(7, "country"), (9, "name")]
    assert not Organisation.objects.exists()


def test_dry_run_writes_nothing(tmp_path, operator):
    path = write_csv(tmp_path / "orgs.csv", ORG_HEADER, org_rows(2))
    outcome = services.import_file(path, kind="organisations", by=operator, dry_run=True)
    assert outcome.report.ok and not outcome.imported
    assert not Organisation.objects.exists()


def test_only_operators_import(tmp_path, member):
    path = write_csv(tmp_path / "orgs.csv", ORG_HEADER, org_rows(1))
    with pytest.raises(PermissionDeniedError):
        services.import_file(path, kind="organisations", by=member)


def test_unreadable_file_is_a_domain_error(tmp_path, operator):
    path = tmp_path / "orgs.xlsx"
    path.write_bytes(b"garbage")
    with pytest.raises(DomainError):
        services.import_file(path, kind="organisations", by=operator)


def test_people_opportunities_and_agreements_refer_to_imported_organisations(tmp_path, operator):
    services.import_file(
        write_csv(tmp_path / "o.csv", ORG_HEADER, org_rows(2)), kind="organisations", by=operator
    )
    existing = OrganisationFactory(slug="barcelona-chamber")
    people = write_csv(
        tmp_path / "p.csv",
        ["external_id", "organisation", "first_name", "last_name", "email", "is_executive"],
        [
            ["P1", "ORG-0", "Hui", "Wu", "hui@example.org", "yes"],
            ["P2", "barcelona-chamber", "Queralt", "Gispert", "", "no"],
        ],
    )
    assert services.import_file(people, kind="people", by=operator).created == 2
    assert Person.objects.get(first_name="Hui").is_executive
    assert Person.objects.get(first_name="Queralt").organisation == existing
    opportunities = write_xlsx(
        tmp_path / "op.xlsx",
        ["external_id", "owner", "kind", "category", "title", "description", "sectors"],
        [
            [
                "OP1",
                "ORG-1",
                "offer",
                "technology",
                "Autonomous forklifts",
                "AGVs",
                "smart-logistics",
            ]
        ],
    )
    assert services.import_file(opportunities, kind="opportunities", by=operator).created == 1
    opportunity = Opportunity.objects.get()
    assert opportunity.status == "published" and opportunity.sectors.count() == 1
    agreements = write_csv(
        tmp_path / "a.csv",
        ["external_id", "kind", "title", "parties", "status", "signed_on", "value", "currency"],
        [
            [
                "AG1",
                "mou",
                "Port MoU",
                "ORG-0:signatory; ORG-1:signatory; barcelona-chamber:witness",
                "signed",
                "2025-03-04",
                "100000",
                "EUR",
            ]
        ],
    )
    assert services.import_file(agreements, kind="agreements", by=operator).created == 1
    agreement = Agreement.objects.get()
    assert agreement.status == "signed" and agreement.parties.count() == 3
    outcome = services.import_file(agreements, kind="agreements", by=operator)
    assert (outcome.created, outcome.updated) == (0, 1)
    assert Agreement.objects.count() == 1 and agreement.parties.count() == 3


def test_import_command_with_progress_and_dry_run(tmp_path, capsys):
    from django.core.management import call_command

    path = write_csv(tmp_path / "orgs.csv", ORG_HEADER, org_rows(3))
    call_command("import", str(path), kind="organisations", dry_run=True)
    assert not Organisation.objects.exists()
    call_command("import", str(path), kind="organisations")
    out = capsys.readouterr().out
    assert "3 rows" in out and "created 3" in out
    assert Organisation.objects.count() == 3


def test_import_command_reports_errors_and_fails(tmp_path, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    rows = org_rows(3)
    rows[1][2] = "Mordor"
    path = write_csv(tmp_path / "orgs.csv", ORG_HEADER, rows)
    with pytest.raises(CommandError):
        call_command("import", str(path), kind="organisations")
    assert "Row 3" in capsys.readouterr().err
    assert not Organisation.objects.exists()
