import { Module } from '@nestjs/common';
import { InboundModule } from '../inbound.module';
import { SendingModule } from '../sending.module';
import { DeliveryReconcileJob } from './delivery-reconcile.job';
import { DeliveryReconcileService } from './delivery-reconcile.service';

/**
 * Delivery repair: the `delivery-reconcile` job, which asks the provider about sends whose outcome
 * or final status the service does not know (a crash during the call, a lost answer, lost status
 * callbacks) and records what it holds — never sending again what it has.
 */
@Module({
  imports: [SendingModule, InboundModule],
  providers: [DeliveryReconcileService, DeliveryReconcileJob],
})
export class DeliveryModule {}
