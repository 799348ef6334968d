/**
 * End of security support per release. `release` matches the start of the detected version
 * ("12" matches "12.5", "3.19" matches "3.19.1"). `eol` is the last day the distribution (or its
 * own long-term programme, where that ships in the same archive) publishes security fixes; where
 * the source gives only a month, the last day of that month is used and `precision` says so.
 * `source` is where the date was read; update both together. Paid extensions (Ubuntu Pro ESM,
 * RHEL ELS, Freexian ELTS) are not counted: images do not get them by default.
 */
export interface EolEntry {
  family: string;
  release: string;
  codename?: string;
  eol: string;
  precision?: 'month';
  source: string;
}

const DEBIAN_LTS = 'https://wiki.debian.org/LTS (Debian LTS end dates; regular security support ends earlier, see https://www.debian.org/releases/)';
const ALPINE = 'https://alpinelinux.org/releases/ (branch table, "End of support" for main)';
const UBUNTU = 'https://ubuntu.com/about/release-cycle (end of standard support; month precision)';
const RHEL = 'https://access.redhat.com/support/policy/updates/errata (end of Maintenance Support)';
const CENTOS = 'https://www.centos.org/centos-linux-eol/ and https://www.centos.org/centos-stream/ (end of life / end of builds)';
const ROCKY = 'https://wiki.rockylinux.org/rocky/version/ (end of security support)';
const ALMA = 'https://wiki.almalinux.org/release-notes/ and https://almalinux.org/ (security support end)';
const ORACLE = 'https://www.oracle.com/a/ocom/docs/elsp-lifetime-069338.pdf (Oracle Linux premier support end)';
const MARINER = 'https://github.com/microsoft/CBL-Mariner (announced end of life of CBL-Mariner 1.0 and 2.0)';
const AMAZON = 'https://aws.amazon.com/amazon-linux-2/faqs/ and https://docs.aws.amazon.com/linux/al2023/ug/release-cadence.html (end of support)';

export const EOL_DATA: EolEntry[] = [
  { family: 'debian', release: '6', codename: 'squeeze', eol: '2016-02-29', source: DEBIAN_LTS },
  { family: 'debian', release: '7', codename: 'wheezy', eol: '2018-05-31', source: DEBIAN_LTS },
  { family: 'debian', release: '8', codename: 'jessie', eol: '2020-06-30', source: DEBIAN_LTS },
  { family: 'debian', release: '9', codename: 'stretch', eol: '2022-06-30', source: DEBIAN_LTS },
  { family: 'debian', release: '10', codename: 'buster', eol: '2024-06-30', source: DEBIAN_LTS },
  { family: 'debian', release: '11', codename: 'bullseye', eol: '2026-08-31', source: DEBIAN_LTS },
  { family: 'debian', release: '12', codename: 'bookworm', eol: '2028-06-30', source: DEBIAN_LTS },
  { family: 'debian', release: '13', codename: 'trixie', eol: '2030-06-30', source: DEBIAN_LTS },

  { family: 'ubuntu', release: '14.04', codename: 'trusty', eol: '2019-04-30', precision: 'month', source: UBUNTU },
  { family: 'ubuntu', release: '16.04', codename: 'xenial', eol: '2021-04-30', precision: 'month', source: UBUNTU },
  { family: 'ubuntu', release: '18.04', codename: 'bionic', eol: '2023-05-31', precision: 'month', source: UBUNTU },
  { family: 'ubuntu', release: '20.04', codename: 'focal', eol: '2025-05-31', precision: 'month', source: UBUNTU },
  { family: 'ubuntu', release: '22.04', codename: 'jammy', eol: '2027-04-30', precision: 'month', source: UBUNTU },
  { family: 'ubuntu', release: '24.04', codename: 'noble', eol: '2029-04-30', precision: 'month', source: UBUNTU },

  { family: 'alpine', release: '3.7', eol: '2019-11-01', source: ALPINE },
  { family: 'alpine', release: '3.8', eol: '2020-05-01', source: ALPINE },
  { family: 'alpine', release: '3.9', eol: '2021-01-01', source: ALPINE },
  { family: 'alpine', release: '3.10', eol: '2021-05-01', source: ALPINE },
  { family: 'alpine', release: '3.11', eol: '2021-11-01', source: ALPINE },
  { family: 'alpine', release: '3.12', eol: '2022-05-01', source: ALPINE },
  { family: 'alpine', release: '3.13', eol: '2022-11-01', source: ALPINE },
  { family: 'alpine', release: '3.14', eol: '2023-05-01', source: ALPINE },
  { family: 'alpine', release: '3.15', eol: '2023-11-01', source: ALPINE },
  { family: 'alpine', release: '3.16', eol: '2024-05-23', source: ALPINE },
  { family: 'alpine', release: '3.17', eol: '2024-11-22', source: ALPINE },
  { family: 'alpine', release: '3.18', eol: '2025-05-09', source: ALPINE },
  { family: 'alpine', release: '3.19', eol: '2025-11-01', source: ALPINE },
  { family: 'alpine', release: '3.20', eol: '2026-04-01', source: ALPINE },
  { family: 'alpine', release: '3.21', eol: '2026-11-01', source: ALPINE },
  { family: 'alpine', release: '3.22', eol: '2027-05-01', source: ALPINE },
  { family: 'alpine', release: '3.23', eol: '2027-11-01', source: ALPINE },

  { family: 'redhat', release: '7', eol: '2024-06-30', source: RHEL },
  { family: 'redhat', release: '8', eol: '2029-05-31', source: RHEL },
  { family: 'redhat', release: '9', eol: '2032-05-31', source: RHEL },
  { family: 'centos', release: '6', eol: '2020-11-30', source: CENTOS },
  { family: 'centos', release: '7', eol: '2024-06-30', source: CENTOS },
  { family: 'centos', release: '8', eol: '2021-12-31', source: CENTOS + ' (CentOS Linux 8)' },
  // CentOS Stream shares ID=centos with CentOS Linux; eol.ts tells them apart by NAME.
  { family: 'centos-stream', release: '8', eol: '2024-05-31', source: CENTOS + ' (CentOS Stream 8)' },
  { family: 'centos-stream', release: '9', eol: '2027-05-31', source: CENTOS + ' (CentOS Stream 9)' },
  { family: 'rocky', release: '8', eol: '2029-05-31', source: ROCKY },
  { family: 'rocky', release: '9', eol: '2032-05-31', source: ROCKY },
  { family: 'alma', release: '8', eol: '2029-03-01', source: ALMA },
  { family: 'alma', release: '9', eol: '2032-05-31', source: ALMA },
  { family: 'amazon', release: '2023', eol: '2029-06-30', source: AMAZON },
  { family: 'amazon', release: '2', eol: '2026-06-30', source: AMAZON },
  { family: 'amazon', release: '2018.03', eol: '2023-12-31', source: AMAZON + ' (Amazon Linux AMI, end of maintenance support)' },
  { family: 'amazon', release: '2017.09', eol: '2023-12-31', source: AMAZON + ' (Amazon Linux AMI, end of maintenance support)' },
  { family: 'oracle', release: '7', eol: '2024-12-31', source: ORACLE },
  { family: 'oracle', release: '8', eol: '2029-07-31', source: ORACLE },
  { family: 'oracle', release: '9', eol: '2032-06-30', source: ORACLE },
  { family: 'cbl-mariner', release: '1.0', eol: '2023-07-31', source: MARINER },
  { family: 'cbl-mariner', release: '2.0', eol: '2025-07-31', source: MARINER },
];
