import { t, type MessageKey } from '../../utils/shared/i18n';
import type { Profile, SendImagesAs, Uplink } from '../../utils/settings';
import { Field } from './Field';
import { ChoiceOptions } from './ChoiceOptions';

const SEND_LABELS = { auto: 'optSendAuto', bytes: 'optSendBytes', url: 'optSendUrl' } as const satisfies Record<SendImagesAs, MessageKey>;
const UPLINK_LABELS = { unknown: 'optUplinkUnknown', slow: 'optUplinkSlow', fast: 'optUplinkFast' } as const satisfies Record<Uplink, MessageKey>;

/** How a profile's pictures go to its server: as addresses or bytes, and how fast its uplink is (which encoding pays). */
export function SendingFields(props: { profile: Profile; change<K extends keyof Profile>(key: K, value: Profile[K]): void }) {
  const { profile, change } = props;
  return (
    <>
      <Field id="send-images-as" label={t('optSendAs')} hint={t('optSendAsHint')}>
        <select id="send-images-as" aria-describedby="send-images-as-hint" value={profile.sendImagesAs} onChange={(e) => change('sendImagesAs', e.currentTarget.value as SendImagesAs)}>
          <ChoiceOptions labels={SEND_LABELS} />
        </select>
      </Field>
      <Field id="uplink" label={t('optUplink')} hint={t('optUplinkHint')}>
        <select id="uplink" aria-describedby="uplink-hint" value={profile.uplink ?? 'unknown'} onChange={(e) => change('uplink', e.currentTarget.value as Uplink)}>
          <ChoiceOptions labels={UPLINK_LABELS} />
        </select>
      </Field>
    </>
  );
}
