import type { SecretRule } from '../types.js';
import { token } from './define.js';

const GH_REF = ['https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats'];

/** Source hosts, CI systems and package registries. */
export const vcsCiRules: SecretRule[] = [
  token({
    id: 'github-pat', title: 'GitHub personal access token', service: 'GitHub', category: 'vcs', severity: 'CRITICAL',
    keywords: ['ghp_'], regex: /(?<![A-Za-z0-9])(?<secret>ghp_[A-Za-z0-9]{36})/, references: GH_REF,
    gitleaks: 'github-pat', trivy: 'github-pat', secretlint: 'GITHUB_TOKEN',
  }),
  token({
    id: 'github-fine-grained-pat', title: 'GitHub fine-grained personal access token', service: 'GitHub', category: 'vcs', severity: 'CRITICAL',
    keywords: ['github_pat_'], regex: /(?<secret>github_pat_[A-Za-z0-9_]{60,255})/, references: GH_REF,
    gitleaks: 'github-fine-grained-pat', trivy: 'github-fine-grained-pat', secretlint: 'GITHUB_TOKEN',
  }),
  token({
    id: 'github-oauth-token', title: 'GitHub OAuth access token', service: 'GitHub', category: 'vcs',
    keywords: ['gho_'], regex: /(?<![A-Za-z0-9])(?<secret>gho_[A-Za-z0-9]{36})/, references: GH_REF, gitleaks: 'github-oauth', trivy: 'github-oauth', secretlint: 'GITHUB_TOKEN',
  }),
  token({
    id: 'github-app-token', title: 'GitHub App token', service: 'GitHub', category: 'vcs',
    keywords: ['ghu_', 'ghs_'], regex: /(?<![A-Za-z0-9])(?<secret>ghs_\d+_eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+|gh[us]_[A-Za-z0-9]{36})/, references: GH_REF,
    gitleaks: 'github-app-token', trivy: 'github-app-token', secretlint: 'GITHUB_TOKEN',
  }),
  token({
    id: 'github-refresh-token', title: 'GitHub refresh token', service: 'GitHub', category: 'vcs',
    keywords: ['ghr_'], regex: /(?<![A-Za-z0-9])(?<secret>ghr_[A-Za-z0-9]{36,76})/, references: GH_REF, gitleaks: 'github-refresh-token', trivy: 'github-refresh-token',
  }),
  token({
    id: 'github-token-in-url', title: 'GitHub token in a git URL', service: 'GitHub', category: 'vcs',
    keywords: ['x-oauth-basic'], regex: /(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9_]{30,100})(?=:x-oauth-basic@github\.com)/,
    secretlint: 'PackageJSON_xOauthToken',
  }),
  token({
    id: 'gitlab-token', title: 'GitLab token', service: 'GitLab', category: 'vcs', severity: 'CRITICAL',
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'gloas-', 'glcbt-', 'glft-', 'glimt-', 'glagent-', 'glsoat-', 'glffct-', 'gr1348941'],
    regex: /(?<![A-Za-z0-9])(?<secret>(?:glpat|gldt|glrt|glptt|gloas|glcbt|glft|glimt|glagent|glsoat|glffct)-[A-Za-z0-9_.-]{20,}|GR1348941[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])/, entropy: 3,
    references: ['https://docs.gitlab.com/ee/security/tokens/'], gitleaks: ['gitlab-pat', 'gitlab-ptt', 'gitlab-rrt', 'gitlab-deploy-token', 'gitlab-runner-authentication-token'], trivy: 'gitlab-pat', secretlint: 'GITLAB_PERSONAL_ACCESS_TOKEN',
  }),
  token({
    id: 'atlassian-api-token', title: 'Atlassian (Jira, Confluence, Bitbucket) API token', service: 'Atlassian', category: 'vcs',
    keywords: ['atatt3', 'atbb', 'atctt3'], regex: /(?<![A-Za-z0-9])(?<secret>ATATT3[A-Za-z0-9_=-]{186}|ATCTT3[A-Za-z0-9_=-]{186}|ATBB[A-Za-z0-9]{32})(?![A-Za-z0-9])/,
    gitleaks: ['atlassian-api-token', 'bitbucket-client-secret'], trivy: 'atlassian-api-token',
  }),
  token({
    id: 'bitbucket-client-secret', title: 'Bitbucket client secret', service: 'Bitbucket', category: 'vcs',
    keywords: ['bitbucket'], regex: /bitbucket[\w.-]{0,20}secret["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9_=-]{64})(?![A-Za-z0-9_=-])/i, entropy: 3.5, gitleaks: 'bitbucket-client-secret',
  }),
  token({
    id: 'buildkite-token', title: 'Buildkite agent or API token', service: 'Buildkite', category: 'ci',
    keywords: ['bkua_'], regex: /(?<![A-Za-z0-9])(?<secret>bkua_[a-f0-9]{40})(?![a-f0-9])/,
  }),
  token({
    id: 'circleci-token', title: 'CircleCI personal API token', service: 'CircleCI', category: 'ci',
    keywords: ['ccipat_'], regex: /(?<![A-Za-z0-9])(?<secret>CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})(?![A-Za-z0-9])/,
  }),
  token({
    id: 'travis-ci-token', title: 'Travis CI access token', service: 'Travis CI', category: 'ci',
    keywords: ['travis'], regex: /travis[\w.-]{0,20}token["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9]{22})(?![A-Za-z0-9])/i, entropy: 3.5, gitleaks: 'travisci-access-token',
  }),
  token({
    id: 'dockerhub-token', title: 'Docker Hub access token', service: 'Docker Hub', category: 'registry',
    keywords: ['dckr_pat_', 'dckr_oat_'], regex: /(?<![A-Za-z0-9])(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32})(?![A-Za-z0-9_-])/,
    references: ['https://docs.docker.com/security/for-developers/access-tokens/'], gitleaks: 'docker-hub-pat', secretlint: 'DOCKER_PERSONAL_ACCESS_TOKEN',
  }),
  token({
    id: 'docker-config-auth', title: 'Registry credentials in a Docker config', service: 'a container registry', category: 'registry',
    keywords: ['"auth"', '.dockerconfigjson', '.dockercfg'],
    regex: /"auth"\s*:\s*"(?<secret>[A-Za-z0-9+/]{8,}={0,2})"|\.docker(?:configjson|cfg)["']?\s*:\s*["']?(?<secret2>[A-Za-z0-9+/]{8,}={0,2})/,
    validate: (s) => !/^(?:e30=?|eyJ9)$/.test(s), // "{}" encoded: an empty config
    trivy: 'dockerconfig-secret',
  }),
  token({
    id: 'npm-token', title: 'npm access token', service: 'npm', category: 'registry', severity: 'CRITICAL',
    keywords: ['npm_'], regex: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])/,
    references: ['https://docs.npmjs.com/about-access-tokens'], gitleaks: 'npm-access-token', trivy: 'npm-access-token', secretlint: 'NPM_ACCESS_TOKEN',
  }),
  token({
    id: 'npmrc-auth', title: 'Registry credential in .npmrc', service: 'the npm registry', category: 'registry',
    keywords: ['_authtoken', '_auth', '_password'], paths: /(?:^|\/)\.?npmrc$|\.npmrc$/,
    regex: /(?:_authToken|_auth|_password)\s*=\s*["']?(?<secret>[^\s"'$][^\s"']{7,})/,
    validate: (s) => !/^\$\{|^%|^\{\{/.test(s), secretlint: 'Npmrc_authToken',
  }),
  token({
    id: 'pypi-token', title: 'PyPI upload token', service: 'PyPI', category: 'registry', severity: 'CRITICAL',
    keywords: ['pypi-ageichlwas5vcmc'], regex: /(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})/, gitleaks: 'pypi-upload-token', trivy: 'pypi-upload-token',
  }),
  token({
    id: 'rubygems-token', title: 'RubyGems API key', service: 'RubyGems', category: 'registry',
    keywords: ['rubygems_'], regex: /(?<secret>rubygems_[a-f0-9]{48})/, gitleaks: 'rubygems-api-token', trivy: 'rubygems-api-token',
  }),
  token({
    id: 'nuget-api-key', title: 'NuGet API key', service: 'NuGet', category: 'registry',
    keywords: ['oy2'], regex: /(?<![A-Za-z0-9])(?<secret>oy2[a-z0-9]{43})(?![a-z0-9])/, entropy: 3.5,
  }),
  token({
    id: 'packagist-token', title: 'Private Packagist token', service: 'Private Packagist', category: 'registry',
    keywords: ['packagist_'], regex: /(?<secret>packagist_(?:ort|out|uut)_[A-Fa-f0-9]{60,80})(?![A-Fa-f0-9])/, trivy: 'private-packagist-token',
  }),
  token({
    id: 'artifactory-token', title: 'JFrog Artifactory API key or token', service: 'JFrog Artifactory', category: 'registry',
    keywords: ['akcp', 'cmvmdgtu'], regex: /(?<![A-Za-z0-9])(?<secret>AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})(?![A-Za-z0-9])/, gitleaks: ['jfrog-api-key', 'jfrog-identity-token'],
  }),
  token({
    id: 'maven-settings-password', title: 'Plain-text password in Maven settings', service: 'a Maven repository', category: 'registry',
    keywords: ['<password>', '<passphrase>', '<master>'], paths: /(?:^|\/)settings(?:-security)?\.xml$/,
    regex: /<(?:password|passphrase|master)>\s*(?<secret>[^<\s{$][^<]*?)\s*<\/(?:password|passphrase|master)>/,
    fix: 'Encrypt the password with `mvn --encrypt-password` (stored as {…}) or read it from an environment variable (${env.VAR}); rotate the plain-text one.',
  }),
  token({
    id: 'gradle-credentials', title: 'Credential in gradle.properties', service: 'a Maven repository', category: 'registry',
    keywords: ['password', 'token'], paths: /(?:^|\/)gradle\.properties$/,
    regex: /^\s*[\w.]*(?:password|token|secret)[\w.]*\s*[=:]\s*(?<secret>[^\s$][^\s]{5,})\s*$/im, entropy: 2.5,
  }),
];
