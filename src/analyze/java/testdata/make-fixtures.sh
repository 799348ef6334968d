#!/usr/bin/env bash
# How the built fixtures here were made (run once by hand; the tests only read the results).
# Needs zip and a JDK's `jar`. Inputs: syft's jar-metadata folders and Trivy's test.par (see NOTICE.md).
set -euo pipefail
cd "$(dirname "$0")"
SYFT=${SYFT:-/work/shared/data/pkgdb/syft/syft/pkg/cataloger/java/testdata/jar-metadata}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# syft-jars/: each syft jar-metadata folder zipped as the jar it describes
for d in opensaml-core-3.4.6 jackson-core-2.15.2 com.fasterxml.jackson.core.jackson-core-2.15.2 api-all-2.0.0-sources \
         org.multiple-thename multiple-matching-2.11.5 commons-lang3-3.12.0 micronaut-aop-4.9.11 spring-instrumentation-4.3.0-1.0; do
  (cd "$SYFT/$d" && zip -X -q -r "$OLDPWD/syft-jars/$d.jar" META-INF -x '*.gitignore')
done
(cd "$SYFT/jenkins-plugins/gradle/2.11" && zip -X -q -r "$OLDPWD/syft-jars/gradle.hpi" META-INF)
# built/boot.jar: Spring Boot layout, own pom.properties + two jars in BOOT-INF/lib, made with `jar`
mkdir -p "$tmp/boot/BOOT-INF/lib" "$tmp/boot/BOOT-INF/classes/com/example" "$tmp/boot/META-INF/maven/com.example/demo"
printf 'groupId=com.example\nartifactId=demo\nversion=0.0.1-SNAPSHOT\n' > "$tmp/boot/META-INF/maven/com.example/demo/pom.properties"
cp syft-jars/opensaml-core-3.4.6.jar syft-jars/micronaut-aop-4.9.11.jar "$tmp/boot/BOOT-INF/lib/"
printf 'Main-Class: org.springframework.boot.loader.launch.JarLauncher\nStart-Class: com.example.Demo\n' > "$tmp/manifest.txt"
jar --create --file built/boot.jar --manifest "$tmp/manifest.txt" -C "$tmp/boot" .
# built/app.war: WEB-INF/lib holds Trivy's test.par (which itself holds jackson-core-2.9.10.jar): 3 levels
mkdir -p "$tmp/war/WEB-INF/lib"
cp real/test.par "$tmp/war/WEB-INF/lib/par-app.jar"
jar --create --file built/app.war --no-manifest -C "$tmp/war" .
# built/truncated.jar: the first 30000 bytes of test.par; built/with-broken.war: a good and a truncated jar inside
head -c 30000 real/test.par > built/truncated.jar
mkdir -p "$tmp/broken/WEB-INF/lib"
cp built/truncated.jar "$tmp/broken/WEB-INF/lib/broken-1.0.jar"
cp syft-jars/opensaml-core-3.4.6.jar "$tmp/broken/WEB-INF/lib/"
jar --create --file built/with-broken.war --no-manifest -C "$tmp/broken" .
