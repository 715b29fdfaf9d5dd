"""Issue 15: the idempotency key unique by a constraint, without the LIKE index `unique=True` adds.

On PostgreSQL a unique CharField gets a second, `varchar_pattern_ops` index for prefix searches;
nothing searches the keys by prefix, and at 1,000,000 documents it took 40 MB and an index
update per notification row. The constraint's own index serves the ON CONFLICT of
`record_notifications` as the old one did.
"""


from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0005_bodies_rendered_later'),
        ('submissions', '0014_content_sets'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='notification',
            name='idempotency_key',
            field=models.CharField(max_length=200, verbose_name='kunci idempotensi'),
        ),
        migrations.AddConstraint(
            model_name='notification',
            constraint=models.UniqueConstraint(fields=('idempotency_key',), name='notification_idempotency_key_unique'),
        ),
    ]
