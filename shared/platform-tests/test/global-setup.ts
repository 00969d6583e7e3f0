import { PLATFORM_TEST_DATABASE } from '@crm/infra';
import { testInfraSetup } from '@crm/testing';

export default testInfraSetup([PLATFORM_TEST_DATABASE]);
