/**
 * The clean-point policy a ransomware recovery follows for a VM: its application's (`applications[].ransomware`)
 * where one is declared, else the scenario's (`failures.ransomware`).
 */
import type { CleanPolicy, RansomwareModel, Scenario } from '../scenario/model.js';

export function cleanPolicyOfApplication(attack: RansomwareModel, application: number): CleanPolicy {
  return attack.policyByApplication?.[application] ?? attack;
}

export function cleanPolicyOfVm(scenario: Scenario, attack: RansomwareModel, vm: number): CleanPolicy {
  return cleanPolicyOfApplication(attack, scenario.vms[vm].application);
}
