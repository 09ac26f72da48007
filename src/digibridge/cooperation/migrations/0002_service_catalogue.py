"""Seed the overseas service centre's catalogue, labelled in the four UI languages."""

from django.db import migrations

CATALOGUE = [
    ("market-entry", "Market entry", "市场准入", "Entrada al mercado", "Entrada al mercat"),
    (
        "legal-compliance",
        "Legal and compliance",
        "法律与合规",
        "Asesoría jurídica y cumplimiento",
        "Assessorament jurídic i compliment",
    ),
    ("tax", "Tax and accounting", "税务与会计", "Fiscalidad y contabilidad", "Fiscalitat i comptabilitat"),
    ("visas-talent", "Visas and talent", "签证与人才", "Visados y talento", "Visats i talent"),
    ("financing", "Financing", "融资", "Financiación", "Finançament"),
    ("localisation", "Localisation", "本地化", "Localización", "Localització"),
    ("certification", "Certification", "认证", "Certificación", "Certificació"),
    ("office-space", "Office space", "办公空间", "Espacio de oficinas", "Espai d'oficines"),
]


def seed(apps, schema_editor):
    Item = apps.get_model("cooperation", "ServiceCatalogueItem")
    for position, (slug, en, zh, es, ca) in enumerate(CATALOGUE):
        Item.objects.using(schema_editor.connection.alias).update_or_create(
            slug=slug,
            defaults={
                "label_en": en,
                "label_zh_hans": zh,
                "label_es": es,
                "label_ca": ca,
                "position": position,
            },
        )


def unseed(apps, schema_editor):
    Item = apps.get_model("cooperation", "ServiceCatalogueItem")
    Item.objects.using(schema_editor.connection.alias).filter(slug__in=[row[0] for row in CATALOGUE], requests__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
