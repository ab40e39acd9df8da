import type { PushTexts } from './types'

// Arabic counts in six forms: no orders, one, two, 3–10 (plural noun), 11–99 (singular accusative), 100 and on.
export const ar: PushTexts = {
  newOrderTitle: 'طلب جديد رقم {number} — {amount}',
  paymentTitle: 'تم استلام دفعة — {amount} ({method})',
  orderNumber: 'الطلب رقم {number}',
  method: { card: 'بطاقة', cash: 'نقدًا', other: 'أخرى' },
  reminderTitle: 'الطلب رقم {number} ما زال معلّقًا — {amount}',
  waitingMinutes: {
    zero: 'بالانتظار منذ أقل من دقيقة',
    one: 'بالانتظار منذ دقيقة واحدة',
    two: 'بالانتظار منذ دقيقتين',
    few: 'بالانتظار منذ {n} دقائق',
    many: 'بالانتظار منذ {n} دقيقة',
    other: 'بالانتظار منذ {n} دقيقة',
  },
  testTitle: 'إشعارات Pulse تعمل',
  testBody: 'سيُعلمك هذا الجهاز بكل طلب جديد وكل دفعة، حتى عندما يكون Pulse مغلقًا.',
  summaryTitle: 'اليوم في {store}: {amount}، {orders}',
  orders: {
    zero: 'لا طلبات',
    one: 'طلب واحد',
    two: 'طلبان',
    few: '{n} طلبات',
    many: '{n} طلبًا',
    other: '{n} طلب',
  },
  summaryChange: 'المحصَّل {change} مقارنةً بيوم {weekday} الماضي ({amount}، {orders}).',
  summarySame: 'المحصَّل مثل يوم {weekday} الماضي ({amount}، {orders}).',
  summaryFromNothing: 'لم يُحصَّل شيء يوم {weekday} الماضي ({amount}، {orders}).',
}
