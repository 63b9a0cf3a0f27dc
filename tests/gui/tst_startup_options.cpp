// normlab's start-up options: a project given by name opens like --database, and what makes no
// sense together is refused with a message naming it.

#include "gui/StartupOptions.h"

#include <QtTest>

class StartupOptionsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aProjectByNameOpensLikeDatabase()
    {
        StartupOptions byName, byOption;
        QString error;
        QVERIFY(parseStartupOptions({"normlab", "/tmp/course.normlab"}, byName, &error));
        QVERIFY(parseStartupOptions({"normlab", "--database", "/tmp/course.normlab"}, byOption,
                                    &error));
        QCOMPARE(byName.database, QStringLiteral("/tmp/course.normlab"));
        QCOMPARE(byName.database, byOption.database);
        StartupOptions none;
        QVERIFY(parseStartupOptions({"normlab"}, none, &error));
        QVERIFY(none.database.isEmpty());
    }

    void twoProjectsAreRefused()
    {
        StartupOptions options;
        QString error;
        QVERIFY(!parseStartupOptions({"normlab", "a.normlab", "b.normlab"}, options, &error));
        QVERIFY2(error.contains("b.normlab"), qPrintable(error));
        QVERIFY(!parseStartupOptions({"normlab", "--database", "a.normlab", "b.normlab"}, options,
                                     &error));
        QVERIFY2(error.contains("b.normlab"), qPrintable(error));
        QVERIFY(!parseStartupOptions({"normlab", "--quit-when-done"}, options, &error));
        QVERIFY2(error.contains("--run"), qPrintable(error));
    }

    void parallelRunsTakeAWholeNumber()
    {
        StartupOptions options;
        QString error;
        QVERIFY(parseStartupOptions({"normlab"}, options, &error));
        QCOMPARE(options.parallelRuns, 0); // not given: the remembered choice
        QVERIFY(parseStartupOptions({"normlab", "--parallel-runs", "2"}, options, &error));
        QCOMPARE(options.parallelRuns, 2);
        for (const char *bad : {"0", "-1", "two", "1.5"}) {
            StartupOptions refused;
            QVERIFY(!parseStartupOptions({"normlab", "--parallel-runs", bad}, refused, &error));
            QVERIFY2(error.contains(QLatin1String(bad)) && error.contains("--parallel-runs"),
                     qPrintable(error));
        }
    }
};

QTEST_GUILESS_MAIN(StartupOptionsTest)
#include "tst_startup_options.moc"
